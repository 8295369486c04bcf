/**
 * lede's fixed splits of CoNLL-2003 validation (eng.testa, 216 documents):
 * - held-out: every fourth document (index % 4 === 3, 54 documents). No shipped model ever trains
 *   on it and no design choice is made on it, so `eval:entities` keeps a clean figure;
 * - dev: the other 162 documents, used for every choice while designing, then trained on by the
 *   shipped model (train + dev).
 */
import type { ConllDoc } from '../core/entities/conll.js';

export const isHeldOut = (docIndex: number): boolean => docIndex % 4 === 3;

export function splitValidation(docs: ConllDoc[]): { dev: ConllDoc[]; heldOut: ConllDoc[] } {
  return { dev: docs.filter((_, i) => !isHeldOut(i)), heldOut: docs.filter((_, i) => isHeldOut(i)) };
}
