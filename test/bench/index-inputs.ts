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

/** A saved inputs file as read (trusted: the bench's own): its strings, and its articles as numbers. */
export interface Inputs {
  strings: string[];
  ints: number[];
}

export function readInputs(file: string): Inputs {
  const text = readFileSync(file, 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n') + 1)) as Inputs;
}

/** Each article's summaries, decoded one at a time (so a bench need not hold them all). */
export function* articlesIn({ strings, ints }: Inputs): Generator<Summary[]> {
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
    yield list;
  }
}
