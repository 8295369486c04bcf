/**
 * The library's entity index: what cross-article features need of every article's entities —
 * "next article mentioning this entity", `@name`, entity names as search terms — and nothing
 * more (not the mentions: at 20,000 articles those are a million objects).
 */
import { EvidenceCollector, type LibraryEvidence, retypedByEvidence } from './evidence.js';
import { entityKey } from './normalize.js';
import type { Entity, EntityType } from './types.js';

export interface LibraryEntityIndex {
  /** Article ids in library order. */
  order: string[];
  /**
   * Names and aliases of each article's entities (the list search's extra terms), strings shared
   * across articles. Not the entities themselves; one article's are read when it is opened.
   */
  namesByArticle: Map<string, readonly string[]>;
  /** entityKey -> ids of the articles that mention it, in library order. */
  articlesByKey: Map<string, string[]>;
  /** entityKey -> a display name and type (the name used by the most articles). */
  labels: Map<string, { name: string; type: EntityType }>;
  /** What the whole library says about people, to apply to an article's entities (library-view.ts). */
  evidence: LibraryEvidence;
  /** Where the pass cached each article's entities, so they are read back when opened; null: nowhere. */
  cacheDir: string | null;
}

/** What the library pass needs of an entity: not its mentions, which are most of its size. */
export type EntitySummary = Pick<Entity, 'name' | 'type' | 'aliases'>;

/** What the index keeps of one entity while the pass runs: its name and type, shared between articles. */
interface Signature {
  name: string;
  type: EntityType;
  key?: string;
}

/**
 * Builds the index as articles' entities arrive, keeping only what cross-article features need.
 * Keys wait for the evidence (it can retype an entity, so change its key), so until finish() each
 * article is a list of shared name/type pairs.
 */
export class LibraryIndexBuilder {
  private readonly evidence = new EvidenceCollector();
  private readonly strings = new Map<string, string>();
  private readonly signatures = new Map<string, Signature>();
  private readonly pending = new Map<string, Signature[]>();
  private readonly names = new Map<string, readonly string[]>();

  constructor(private readonly cacheDir: string | null = null) {}

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private signature(name: string, type: EntityType): Signature {
    const id = `${type}\0${name}`;
    let sig = this.signatures.get(id);
    if (!sig) {
      sig = { name: this.intern(name), type };
      this.signatures.set(id, sig);
    }
    return sig;
  }

  /** One article's entities (as extract() returns them, or their summaries); only names and types are kept. */
  add(id: string, entities: readonly EntitySummary[]): void {
    this.evidence.add(entities);
    this.pending.set(
      id,
      entities.map((e) => this.signature(e.name, e.type)),
    );
    const names = new Set<string>();
    for (const e of entities) {
      names.add(this.intern(e.name));
      for (const alias of e.aliases) names.add(this.intern(alias));
    }
    if (names.size > 0) this.names.set(id, [...names]);
  }

  finish(order: string[]): LibraryEntityIndex {
    const evidence = this.evidence.finish();
    const articlesByKey = new Map<string, string[]>();
    const nameVotes = new Map<string, Map<string, number>>();
    const types = new Map<string, EntityType>();
    for (const id of order) {
      for (let sig of this.pending.get(id) ?? []) {
        if (retypedByEvidence(evidence, sig)) sig = this.signature(sig.name, 'person');
        const key = (sig.key ??= entityKey(sig));
        const list = articlesByKey.get(key) ?? [];
        if (list[list.length - 1] !== id) list.push(id);
        articlesByKey.set(key, list);
        const votes = nameVotes.get(key) ?? new Map<string, number>();
        votes.set(sig.name, (votes.get(sig.name) ?? 0) + 1);
        nameVotes.set(key, votes);
        if (!types.has(key)) types.set(key, sig.type);
      }
    }
    this.pending.clear();
    const labels = new Map<string, { name: string; type: EntityType }>();
    for (const [key, votes] of nameVotes) {
      const name = [...votes.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0];
      labels.set(key, { name, type: types.get(key)! });
    }
    return { order, namesByArticle: this.names, articlesByKey, labels, evidence, cacheDir: this.cacheDir };
  }
}

/**
 * The next (direction 1) or previous (-1) article after `currentArticleId` in library order that
 * mentions the entity, wrapping around; null when no other article mentions it.
 */
export function nextArticleWith(index: LibraryEntityIndex, key: string, currentArticleId: string, direction: 1 | -1): string | null {
  const ids = index.articlesByKey.get(key);
  if (!ids || ids.length === 0) return null;
  const n = index.order.length;
  const here = index.order.indexOf(currentArticleId);
  if (here === -1) return direction === 1 ? ids[0]! : ids[ids.length - 1]!;
  const mentioning = new Set(ids);
  for (let step = 1; step < n; step++) {
    const id = index.order[(((here + direction * step) % n) + n) % n]!;
    if (mentioning.has(id)) return id;
  }
  return null;
}
