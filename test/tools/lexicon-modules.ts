/** The shipped lexicons (word clusters, gazetteer) as the training script reads them. */
import { createHash } from 'node:crypto';
import { decodeClusters, decodeGazetteer, type ClusterTable, type GazetteerTable } from '../../source/core/entities/lexicons.js';
import { CLUSTERS } from '../../source/core/entities/model/clusters.js';
import { GAZETTEER } from '../../source/core/entities/model/gazetteer.js';

export async function loadLexicons(): Promise<{ clusters: ClusterTable; gazetteer: GazetteerTable; fingerprint: string }> {
  return {
    clusters: decodeClusters(CLUSTERS),
    gazetteer: decodeGazetteer(GAZETTEER),
    fingerprint: createHash('sha256').update(CLUSTERS).update(GAZETTEER).digest('hex'),
  };
}
