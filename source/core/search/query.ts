/**
 * fzf's extended-search syntax, parsed the way fzf parses it (junegunn/fzf, pattern.go):
 *
 * | token      | meaning                                                        |
 * |------------|----------------------------------------------------------------|
 * | `word`     | fuzzy: a word that equals, starts with, or is a typo of `word`  |
 * | `'word`    | exact: the text contains `word` anywhere                       |
 * | `'word'`   | exact at word boundaries                                       |
 * | `^word`    | the title or the body starts with `word`                       |
 * | `word$`    | the title or the body ends with `word`                         |
 * | `^word$`   | the title or the body is exactly `word`                        |
 * | `!word`    | does not contain `word` (exact); `!^word`, `!word$` likewise   |
 * | `!'word`   | does not fuzzily match `word`                                  |
 * | `a \| b`   | OR between neighbouring terms; spaces between groups mean AND  |
 * | `a\ b`     | an escaped space is part of the term (`'prime\ minister`)      |
 *
 * Everything is case- and diacritics-insensitive. A plain word that contains punctuation
 * (`u.s.`, `al-assad`, `covid-19`) is matched exactly, since there is no single word to fuzz.
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
