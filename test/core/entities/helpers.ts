import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { libraryFromBytes } from '../../../source/core/load/library.js';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A seed article as lede loads it (the loader itself, so gold offsets are offsets into what the reader shows). */
export function readSeed(relPath: string): { title: string; text: string } {
  const [article] = libraryFromBytes(root + relPath, readFileSync(root + relPath)).articles;
  if (!article) throw new Error(`${relPath} holds no article`);
  return { title: article.title, text: article.text };
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
