/**
 * The strings of a saved file, each written once: a string's position in `strings` stands for it
 * wherever it is used (the saved index's and its inputs' sections).
 */
export interface StringTable {
  /** The strings in the order first asked for. */
  readonly strings: string[];
  /** The position of `s`, added at the end the first time. */
  at(s: string): number;
}

export function stringTable(): StringTable {
  const strings: string[] = [];
  const positions = new Map<string, number>();
  return {
    strings,
    at(s) {
      let p = positions.get(s);
      if (p === undefined) positions.set(s, (p = strings.push(s) - 1));
      return p;
    },
  };
}
