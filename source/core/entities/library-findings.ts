/**
 * What the library pass found in each article, kept for as long as the index may be rebuilt
 * under other corrections: each entity's name, type and aliases interned once for the library (a
 * signature), and per article two integers an entity (its signature; its mentions and whether one
 * is in the title). At 20,000 articles that is a few megabytes, where an object per entity per
 * article was 56 MB.
 */
import type { EntityType } from './types.js';

/** The shared part of a summary, interned: most entities recur across articles with the same names. */
export interface Signature {
  name: string;
  type: EntityType;
  aliases: readonly string[];
}

/** One entity of one article, as the index is built from it. */
export interface Found {
  sig: Signature;
  mentions: number;
  inTitle: boolean;
}

/** What the pass keeps of an entity (library-index.ts' EntitySummary). */
interface Summary {
  name: string;
  type: EntityType;
  aliases: readonly string[];
  mentions: number;
  inTitle: boolean;
}

export class Findings {
  private readonly strings = new Map<string, string>();
  private readonly signatureIds = new Map<string, number>();
  /** Article id -> for each entity, its signature's number, then mentions * 2 + (1 if one is in the title). */
  private readonly byArticle = new Map<string, Int32Array>();

  /** `signatures`: shared with the findings this is a frozen copy of (they are only ever appended to). */
  constructor(private readonly signatures: Signature[] = []) {}

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private signature(name: string, type: EntityType, aliases: readonly string[]): number {
    const id = `${type}\0${name}\0${aliases.join('\0')}`;
    let at = this.signatureIds.get(id);
    if (at === undefined) {
      at = this.signatures.push({ name: this.intern(name), type, aliases: aliases.map((a) => this.intern(a)) }) - 1;
      this.signatureIds.set(id, at);
    }
    return at;
  }

  /** One article's entities (replacing any given before for it). */
  add(id: string, summaries: readonly Summary[]): void {
    const packed = new Int32Array(summaries.length * 2);
    summaries.forEach((s, k) => {
      packed[2 * k] = this.signature(s.name, s.type, s.aliases);
      // Mentions are capped far below 2^30 (chunked.ts).
      packed[2 * k + 1] = Math.min(s.mentions, 0x3fffffff) * 2 + (s.inTitle ? 1 : 0);
    });
    this.byArticle.set(id, packed);
  }

  /** The article's entities, in the order given. */
  get(id: string): Found[] {
    const packed = this.byArticle.get(id);
    if (!packed) return [];
    const out: Found[] = [];
    for (let k = 0; k < packed.length; k += 2) out.push({ sig: this.signatures[packed[k]!]!, mentions: packed[k + 1]! >>> 1, inTitle: (packed[k + 1]! & 1) === 1 });
    return out;
  }

  /**
   * The article's entities, in the order given, each as its signature's number (the same for
   * every article with that name, type and aliases) and what it counted: no object made per entity,
   * so the index's build works out what depends on the signature alone once per signature.
   */
  forEachOf(id: string, visit: (signature: number, sig: Signature, mentions: number, inTitle: boolean) => void): void {
    const packed = this.byArticle.get(id);
    if (!packed) return;
    for (let k = 0; k < packed.length; k += 2) visit(packed[k]!, this.signatures[packed[k]!]!, packed[k + 1]! >>> 1, (packed[k + 1]! & 1) === 1);
  }

  /** The articles added, in the order they came. */
  ids(): string[] {
    return [...this.byArticle.keys()];
  }

  /** What has been found so far, unchanged by later adds (a snapshot's findings). */
  frozen(): Findings {
    const copy = new Findings(this.signatures);
    for (const [id, packed] of this.byArticle) copy.byArticle.set(id, packed);
    return copy;
  }
}
