// The query language is told in one table (source/core/search/syntax.ts) that help and --help
// print; the README's copy of it must say the same rows, so the four places cannot drift apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { QUERY_SYNTAX } from '../../source/core/search/syntax';

/** Markdown table text: a pipe is escaped. */
const escaped = (text: string) => text.replace(/\|/g, '\\|');

test("the README's search table has exactly the rows of the query syntax, in its order", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const search = readme.slice(readme.indexOf('### Search'), readme.indexOf('\n### ', readme.indexOf('### Search') + 1));
  const rows = search.split('\n').filter((line) => line.startsWith('| `'));
  assert.deepEqual(
    rows,
    QUERY_SYNTAX.map((row) => `| \`${escaped(row.example)}\` | ${escaped(row.meaning)} |`),
  );
});
