/**
 * Labelled modern news as tagger training documents: each article is read as lede reads it (the
 * title joined before the text as a paragraph of its own, a title-case headline's common words
 * in lower case, as the extractor reads them), tokenised with the app's tokenizer and split into
 * its sentences, each token labelled BIO from the gold mentions' spans (person PER, place LOC,
 * organization ORG, misc MISC). The result has the shape of a CoNLL document, so it mixes into
 * the CoNLL training documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docCasing, LABELS } from '../../source/core/entities/features.js';
import { headlineWords, TITLE_GAP } from '../../source/core/entities/extractor.js';
import { loadLibrary } from '../../source/core/load/index.js';
import { sentenceRanges, tokenize } from '../../source/core/entities/tokenize.js';
import type { ConllDoc } from '../core/entities/conll.js';

export interface GoldMention {
  field: 'title' | 'text';
  start: number;
  end: number;
}
export interface GoldEntity {
  type: string;
  mentions: GoldMention[];
}

const TAG_OF_TYPE: Record<string, string> = { person: 'PER', place: 'LOC', organization: 'ORG', misc: 'MISC' };

/**
 * The article's sentences and BIO labels, as the extractor would read it. A mention inside a
 * token ("Indianapolis" of "Indianapolis-based") labels nothing, as lede can never find it
 * either: the token stays O, and `cut` counts it.
 */
export function labelledDocument(title: string, text: string, entities: GoldEntity[], lexicon: ReadonlySet<string>, cut = { count: 0 }): ConllDoc {
  const hasTitle = /\S/.test(title);
  const bodyStart = hasTitle ? title.length + TITLE_GAP.length : 0;
  const joined = hasTitle ? title + TITLE_GAP + text : text;
  const tokens = tokenize(joined);
  // Token index by start and end offset, so a span maps to whole tokens or fails loudly.
  const byStart = new Map(tokens.map((t, i) => [t.start, i]));
  const byEnd = new Map(tokens.map((t, i) => [t.end, i]));
  const labels = new Array<number>(tokens.length).fill(0);
  for (const e of entities) {
    const tag = TAG_OF_TYPE[e.type];
    if (!tag) throw new Error(`unknown entity type "${e.type}"`);
    for (const m of e.mentions) {
      const offset = m.field === 'title' ? 0 : bodyStart;
      const first = byStart.get(m.start + offset);
      const last = byEnd.get(m.end + offset);
      if (first === undefined || last === undefined || last < first) {
        cut.count++;
        continue;
      }
      for (let i = first; i <= last; i++) labels[i] = LABELS.indexOf(`${i === first ? 'B' : 'I'}-${tag}` as (typeof LABELS)[number]);
    }
  }
  const ranges = sentenceRanges(joined, tokens);
  const isTitle = (s: number) => tokens[s]!.start < bodyStart;
  const raw = ranges.map(([s, e]) => tokens.slice(s, e).map((t) => t.text));
  const bodyWords = raw.map((w, k) => (isTitle(ranges[k]![0]) ? null : headlineWords(w, lexicon, false)));
  const casing = docCasing(bodyWords.filter((w): w is string[] => w !== null));
  const bodyLower = (lower: string) => casing.get(lower)?.includes('L') ?? false;
  return ranges.map(([s, e], k) => ({ words: bodyWords[k] ?? headlineWords(raw[k]!, lexicon, true, bodyLower), labels: labels.slice(s, e) }));
}

/** One labelled article of a training directory, as lede's loader reads it. */
export interface ModernArticle {
  file: string;
  title: string;
  text: string;
  entities: GoldEntity[];
}

/** Every article of every gold*.json in `dir` (gold-a.json, gold-b.json: one per writer), in file order. */
export async function readModernArticles(dir: string): Promise<ModernArticle[]> {
  const articles: ModernArticle[] = [];
  for (const name of readdirSync(dir).filter((n) => /^gold.*\.json$/.test(n)).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { articles: Array<{ file: string; entities: GoldEntity[] }> };
    for (const a of gold.articles) {
      const lib = await loadLibrary([join(dir, a.file)]);
      const art = lib.articles[0];
      if (!art) throw new Error(`${name} ${a.file}: not read`);
      articles.push({ file: `${name} ${a.file}`, title: art.title, text: art.text, entities: a.entities });
    }
  }
  return articles;
}

/** Every article of `dir` as a training document (readModernArticles' order). */
export async function readModernTraining(dir: string, lexicon: ReadonlySet<string>): Promise<{ docs: ConllDoc[]; cut: number }> {
  const cut = { count: 0 };
  const docs = (await readModernArticles(dir)).map((a) => {
    try {
      return labelledDocument(a.title, a.text, a.entities, lexicon, cut);
    } catch (err) {
      throw new Error(`${a.file}: ${(err as Error).message}`);
    }
  });
  return { docs, cut: cut.count };
}
