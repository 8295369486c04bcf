/** Reads CoNLL-2003 files (word POS chunk NER, IOB1) into documents of sentences with BIO labels. */
import { readFileSync } from 'node:fs';
import { LABELS } from '../../../source/core/entities/features.js';

export interface ConllSentence {
  words: string[];
  /** BIO label indices into LABELS. */
  labels: number[];
}
export type ConllDoc = ConllSentence[];

export function readConll(path: string): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc = [];
  let sent: { words: string[]; tags: string[] } = { words: [], tags: [] };
  const flushSentence = () => {
    if (sent.words.length > 0) doc.push({ words: sent.words, labels: toBio(sent.tags) });
    sent = { words: [], tags: [] };
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flushSentence();
      continue;
    }
    const parts = line.split(' ');
    // A document separator is the only line whose part-of-speech column is -X- (1,162 of 1,162
    // in train and validation).
    if (parts[1] === '-X-') {
      flushSentence();
      if (doc.length > 0) docs.push(doc);
      doc = [];
      continue;
    }
    sent.words.push(parts[0]!);
    sent.tags.push(parts[parts.length - 1]!);
  }
  flushSentence();
  if (doc.length > 0) docs.push(doc);
  return docs;
}

/** IOB1 (B- only between touching entities of one type) to BIO label indices. */
export function toBio(tags: string[]): number[] {
  const out: number[] = [];
  let prevType = 'O';
  for (const tag of tags) {
    if (tag === 'O') {
      out.push(0);
      prevType = 'O';
      continue;
    }
    const [prefix, type] = tag.split('-') as [string, string];
    const begin = prefix === 'B' || prevType !== type;
    out.push(LABELS.indexOf(`${begin ? 'B' : 'I'}-${type}` as (typeof LABELS)[number]));
    prevType = type;
  }
  return out;
}

export interface GoldSpan {
  type: string;
  /** Word index range within the sentence, end exclusive. */
  start: number;
  end: number;
}

export function spansOf(labels: number[]): GoldSpan[] {
  const spans: GoldSpan[] = [];
  let cur: GoldSpan | null = null;
  labels.forEach((l, i) => {
    const name = LABELS[l]!;
    if (name === 'O' || name.startsWith('B-')) {
      if (cur) spans.push(cur);
      cur = name === 'O' ? null : { type: name.slice(2), start: i, end: i + 1 };
    } else if (cur && cur.type === name.slice(2)) cur.end = i + 1;
    else {
      if (cur) spans.push(cur);
      cur = { type: name.slice(2), start: i, end: i + 1 };
    }
  });
  if (cur) spans.push(cur);
  return spans;
}

/**
 * The document as lede would see it: each CoNLL sentence a paragraph, words joined by spaces.
 * Returns the text and, per sentence, the character offset of each word.
 */
export function docText(doc: ConllDoc): { text: string; offsets: number[][] } {
  let text = '';
  const offsets: number[][] = [];
  doc.forEach((s, si) => {
    if (si > 0) text += '\n\n';
    const o: number[] = [];
    s.words.forEach((w, wi) => {
      if (wi > 0) text += ' ';
      o.push(text.length);
      text += w;
    });
    offsets.push(o);
  });
  return { text, offsets };
}
