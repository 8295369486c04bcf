/**
 * fzf's extended-search syntax, parsed the way fzf parses it (junegunn/fzf, pattern.go), plus
 * lede's `@name`. What users are told it means is the table in syntax.ts (help and `--help` print
 * it); the rules here: plain words are fuzzy, `'` exact (`'word'` at word boundaries), `^` and `$`
 * anchor to the start and end of a title or body, `!` negates (exact; `!'word` fuzzy), `|` between
 * terms is OR and spaces between groups AND, and an escaped space is part of a term. Everything is
 * case- and diacritics-insensitive; a plain word with punctuation (`u.s.`, `al-assad`) is matched
 * exactly, since there is no single word to fuzz.
 *
 * `"words in quotes"` (after an optional `!`) is a phrase: the words in that order, as whole words
 * (`'words\ in\ quotes'`); unclosed, while it is being typed, it is matched anywhere, as `'`.
 *
 * `@name` (after an optional `!`) is an entity term: articles that mention an entity of that name.
 * Its name is one word (`@putin`), words joined by `_` (`@vladimir_putin`) or an escaped space, or
 * quoted (`@"vladimir putin"`: the quote may contain spaces, and ends at the next `"` or at the end
 * of the query, so a name being typed is a name already). This is the one parser of `@name`.
 */
import { fold, isWordUnit } from './fold.js';

export type TermKind = 'fuzzy' | 'exact' | 'boundary' | 'prefix' | 'suffix' | 'equal' | 'entity';

export interface QueryTerm {
  kind: TermKind;
  /** The term without its operators, as typed (an entity's name with `_` read as a space). */
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

const ESCAPED_SPACE = '\u0000';
const WHITESPACE = /[ \t\n\r]/;

/** Where the quoted part of a token starting at `i` opens (`"`, `!"`, `@"`, `!@"`), or -1. */
function quoteOpening(source: string, i: number): number {
  for (const opener of ['"', '!"', '@"', '!@"']) if (source.startsWith(opener, i)) return i + opener.length;
  return -1;
}

/**
 * The query cut into terms at unescaped whitespace, each with escaped spaces restored, except that
 * `"`, `@"` (or `!"`, `!@"`) at the start of a token opens a quote that runs to the next `"`,
 * spaces included.
 */
function tokenize(query: string): string[] {
  const source = query.replace(/\\ /g, ESCAPED_SPACE);
  const tokens: string[] = [];
  let i = 0;
  while (i < source.length) {
    while (i < source.length && WHITESPACE.test(source[i]!)) i++;
    if (i >= source.length) break;
    const start = i;
    const opening = quoteOpening(source, i);
    if (opening >= 0) {
      const close = source.indexOf('"', opening);
      i = close < 0 ? source.length : close + 1;
    } else {
      while (i < source.length && !WHITESPACE.test(source[i]!)) i++;
    }
    tokens.push(source.slice(start, i).split(ESCAPED_SPACE).join(' '));
  }
  return tokens;
}

/** `@name`, `@first_last` or `@"first last"` (the `@` already removed): the name it stands for. */
function entityName(afterAt: string): string {
  if (afterAt.startsWith('"')) {
    const body = afterAt.slice(1);
    return (body.endsWith('"') ? body.slice(0, -1) : body).trim();
  }
  return afterAt.replace(/_/g, ' ').trim();
}

/** A name as `lede mentions` takes it: plain (`vladimir putin`) or written as the query term (`@vladimir_putin`, `@"vladimir putin"`). */
export function entityNameArgument(argument: string): string {
  return argument.startsWith('@') ? entityName(argument.slice(1)) : argument.trim();
}

/**
 * A quoted phrase (the opening `"` removed): whole words when the quote is closed, anywhere while
 * it is still being typed, so the count does not drop to nothing before the last word is finished.
 */
function readPhrase(afterQuote: string, negated: boolean): QueryTerm | null {
  const closed = afterQuote.endsWith('"');
  const text = (closed ? afterQuote.slice(0, -1) : afterQuote).trim().replace(/\s+/g, ' ');
  if (text.length === 0) return null;
  return { kind: closed ? 'boundary' : 'exact', text, folded: fold(text), negated };
}

/** One token as a term (its `!` already removed when `negated`), or null when nothing is left of it. */
function readTerm(token: string, negated: boolean): QueryTerm | null {
  let text = token;
  if (text.startsWith('"')) return readPhrase(text.slice(1), negated);
  if (text.startsWith('@')) {
    const name = entityName(text.slice(1));
    return name.length === 0 ? null : { kind: 'entity', text: name, folded: fold(name), negated };
  }
  let kind: TermKind = negated ? 'exact' : 'fuzzy';
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
  if (text.length === 0) return null;
  const folded = fold(text);
  // A fuzzy term is a single word; anything with punctuation or spaces is matched exactly.
  if (kind === 'fuzzy' && !isSingleWord(folded)) kind = 'exact';
  return { kind, text, folded, negated };
}

export function parseQuery(query: string): ParsedQuery {
  const groups: QueryTerm[][] = [];
  let group: QueryTerm[] = [];
  let switchGroup = false;
  let afterBar = false;
  for (const token of tokenize(query)) {
    if (group.length > 0 && !afterBar && token === '|') {
      switchGroup = false;
      afterBar = true;
      continue;
    }
    afterBar = false;
    const negated = token.startsWith('!');
    const term = readTerm(negated ? token.slice(1) : token, negated);
    if (!term) continue;
    if (switchGroup) {
      groups.push(group);
      group = [];
    }
    group.push(term);
    switchGroup = true;
  }
  if (group.length > 0) groups.push(group);
  return { groups };
}

/** Does the query hold an `@name` term (negated or not)? The list says it waits for the entities while one does. */
export function hasEntityTerms(query: string): boolean {
  if (!query.includes('@')) return false;
  return parseQuery(query).groups.some((group) => group.some((term) => term.kind === 'entity'));
}

/** Is the folded string exactly one word token (letters and digits only)? Library search shares it. */
export function isSingleWord(folded: string): boolean {
  if (folded.length === 0) return false;
  for (let i = 0; i < folded.length; i++) if (!isWordUnit(folded, i)) return false;
  return true;
}
