/** A library's saved entity index inputs (`<cache>/library/<key>.entities`), read back for the benches. */
import { readFileSync } from 'node:fs';

const TYPES = ['person', 'place', 'organization'] as const;

export interface Summary {
  name: string;
  type: (typeof TYPES)[number];
  aliases: string[];
  mentions: number;
  inTitle: boolean;
}

/** Each article's summaries from a saved inputs file (trusted: the bench's own). */
export function articlesOf(file: string): Summary[][] {
  const text = readFileSync(file, 'utf8');
  const { strings, ints } = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { strings: string[]; ints: number[] };
  const articles: Summary[][] = [];
  let at = 0;
  while (at < ints.length) {
    const list: Summary[] = [];
    for (let count = ints[at++]!; count > 0; count--) {
      const name = strings[ints[at++]!]!;
      const type = TYPES[ints[at++]!]!;
      const aliases: string[] = [];
      for (let a = ints[at++]!; a > 0; a--) aliases.push(strings[ints[at++]!]!);
      list.push({ name, type, aliases, mentions: ints[at++]!, inTitle: ints[at++]! === 1 });
    }
    articles.push(list);
  }
  return articles;
}
