/**
 * fzf's extended-search syntax, parsed the way fzf parses it (junegunn/fzf, pattern.go). What
 * users are told it means is the table in syntax.ts (help and `--help` print it); the rules here:
 * plain words are fuzzy, `'` exact (`'word'` at word boundaries), `^` and `$` anchor to the start
 * and end of a title or body, `!` negates (exact; `!'word` fuzzy), `|` between terms is OR and
 * spaces between groups AND, and an escaped space is part of a term. Everything is case- and
 * diacritics-insensitive; a plain word with punctuation (`u.s.`, `al-assad`) is matched exactly,
 * since there is no single word to fuzz.
 */
import { fold, isWordUnit } from './fold.js';

export type TermKind = 'fuzzy' | 'exact' | 'boundary' | 'prefix' | 'suffix' | 'equal';

export interface QueryTerm {
  kind: TermKind;
  /** The term without its operators, as typed. */
  text: string;
  /** `text` folded (lower case, no diacritics): what is matched. */
  folded: string;
  /** `!`: articles that match are excluded. */
  negated: boolean;
}

export interface ParsedQuery {
  /** AND of groups; each group is an OR of terms. Empty when the query has no terms. */
  groups: QueryTerm[][];
}

const TAB_PLACEHOLDER = '\u0000';

export function parseQuery(query: string): ParsedQuery {
  const source = query.replace(/\\ /g, TAB_PLACEHOLDER);
  const tokens = source.split(/[ \t\n\r]+/);
  const groups: QueryTerm[][] = [];
  let group: QueryTerm[] = [];
  let switchGroup = false;
  let afterBar = false;
  for (const token of tokens) {
    let text = token.split(TAB_PLACEHOLDER).join(' ');
    let kind: TermKind = 'fuzzy';
    let negated = false;
    if (group.length > 0 && !afterBar && text === '|') {
      switchGroup = false;
      afterBar = true;
      continue;
    }
    afterBar = false;
    if (text.startsWith('!')) {
      negated = true;
      kind = 'exact';
      text = text.slice(1);
    }
    if (text !== '$' && text.endsWith('$')) {
      kind = 'suffix';
      text = text.slice(0, -1);
    }
    if (text.length > 2 && text.startsWith("'") && text.endsWith("'")) {
      kind = 'boundary';
      text = text.slice(1, -1);
    } else if (text.startsWith("'")) {
      // As in fzf, a quote flips exactness: exact for a plain term, fuzzy for a negated one.
      kind = negated ? 'fuzzy' : 'exact';
      text = text.slice(1);
    } else if (text.startsWith('^')) {
      kind = kind === 'suffix' ? 'equal' : 'prefix';
      text = text.slice(1);
    }
    if (text.length === 0) continue;
    const folded = fold(text);
    // A fuzzy term is a single word; anything with punctuation or spaces is matched exactly.
    if (kind === 'fuzzy' && !isSingleWord(folded)) kind = 'exact';
    if (switchGroup) {
      groups.push(group);
      group = [];
    }
    group.push({ kind, text, folded, negated });
    switchGroup = true;
  }
  if (group.length > 0) groups.push(group);
  return { groups };
}

/** Is the folded string exactly one word token (letters and digits only)? Library search shares it. */
export function isSingleWord(folded: string): boolean {
  if (folded.length === 0) return false;
  for (let i = 0; i < folded.length; i++) if (!isWordUnit(folded, i)) return false;
  return true;
}
