/**
 * `@name` terms in a list query keep only articles that mention an entity by that name; the
 * rest of the query is searched as usual. "@netanyahu golan" = mentions Netanyahu, and golan.
 */
export interface SplitQuery {
  /** The query without its @terms. */
  rest: string;
  /** The names after each @, without the @ (a multi-word name is written with _: @benjamin_netanyahu). */
  entityTerms: string[];
}

export function splitEntityTerms(query: string): SplitQuery {
  const entityTerms: string[] = [];
  const rest = query
    .split(/\s+/)
    .filter((word) => {
      if (!word.startsWith('@') || word.length < 2) return true;
      entityTerms.push(word.slice(1).replace(/_/g, ' '));
      return false;
    })
    .join(' ');
  return { rest: rest.trim(), entityTerms };
}
