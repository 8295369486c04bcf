import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * An article as lede parses a .txt file: first non-empty line is the title, paragraphs split on
 * blank lines and joined by "\n\n", a paragraph repeated right after itself kept once.
 */
export function readSeed(relPath: string): { title: string; text: string } {
  const paras = readFileSync(root + relPath, 'utf8')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim().replace(/\s*\n\s*/g, ' '))
    .filter(Boolean);
  const title = paras.shift() ?? '';
  const body: string[] = [];
  for (const p of paras) if (body[body.length - 1] !== p) body.push(p);
  return { title, text: body.join('\n\n') };
}

export interface GoldMention {
  type: string;
  start: number;
  end: number;
  text: string;
}
export interface GoldArticle {
  path: string;
  title: string;
  titleMentions: GoldMention[];
  mentions: GoldMention[];
}
export function readGold(): GoldArticle[] {
  return JSON.parse(readFileSync(root + 'test/fixtures/seed-entities.json', 'utf8')) as GoldArticle[];
}
