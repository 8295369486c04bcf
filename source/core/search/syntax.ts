/**
 * The query language as users are told about it: the one table the help page and `lede --help`
 * print (the parser is query.ts; its header comment says the same for developers).
 */
export interface SyntaxRow {
  example: string;
  meaning: string;
}

export const QUERY_SYNTAX: readonly SyntaxRow[] = [
  { example: 'iran israel', meaning: 'both words; typos forgiven (netanyhau): 1 from 5 letters, 2 from 8' },
  { example: 'iran | syria', meaning: 'either word' },
  { example: "'golan", meaning: 'exactly this, no typos (inside words too)' },
  { example: "'golan'", meaning: 'exactly this word' },
  { example: '^netanyahu', meaning: 'a title or text that starts with it (as in fzf)' },
  { example: 'syria$', meaning: 'a title or text that ends with it' },
  { example: '!russia', meaning: 'articles without it' },
  { example: '"prime minister"', meaning: 'these words in this order, as whole words' },
  { example: '@netanyahu', meaning: 'articles that mention that entity, most about it first (typos forgiven)' },
  { example: '@"benjamin netanyahu"', meaning: 'an entity by its full name (or @benjamin_netanyahu)' },
  { example: '!@putin', meaning: 'articles that do not mention it; iran | @putin: either' },
];

/** The table as aligned plain-text lines, each starting with `indent`. */
export function querySyntaxLines(indent = '  '): string[] {
  const width = Math.max(...QUERY_SYNTAX.map((row) => row.example.length));
  return QUERY_SYNTAX.map((row) => `${indent}${row.example.padEnd(width)}  ${row.meaning}`);
}
