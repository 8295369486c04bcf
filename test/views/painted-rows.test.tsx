// The list's rows are drawn as one styled string a line (list-rows.tsx) instead of a tree of
// <Styled> runs: the same text in the same styles, fewer nodes for React, Yoga and Ink. And a row
// whose props are those of the last frame is not drawn again: the frame that echoes a key
// recomputes no title highlights and no snippet.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { Text, renderToString } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import type { SearchHit } from '../../source/core/search';
import { initialState } from '../../source/state/reducer';
import type { State } from '../../source/state/types';
import { ListView } from '../../source/views/list-view';
import { paintSegments, Segments } from '../../source/views/segments';
import { paintWith, Styled, ThemeProvider } from '../../source/views/styled';
import { PLAIN_THEME, type Role, type Theme, themeFor } from '../../source/views/theme';
import { makeArticle, makeLibrary } from '../helpers/articles';

afterEach(() => cleanup());

const THEMES: [string, Theme][] = [
  ['256 colours', themeFor({ TERM: 'xterm-256color' })],
  ['16 colours', themeFor({ TERM: 'xterm' })],
  ['NO_COLOR', themeFor({ NO_COLOR: '1' })],
  ['plain', PLAIN_THEME],
];
const ROLES: (Role | undefined)[] = [undefined, 'accent', 'dim', 'selected', 'match', 'titleMatch', 'current', 'person', 'link'];

/** A line of styled runs, nested: what a view writes as <Styled> inside <Styled>. */
type Run = string | { role: Role | undefined; runs: Run[] };

const run: fc.Arbitrary<Run> = fc.letrec<{ run: Run }>((tie) => ({
  run: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('Golan', ' ', 'talks', '·', '…', 'Netanyahu', '中'),
    fc.record({ role: fc.constantFrom(...ROLES), runs: fc.array(tie('run'), { maxLength: 4 }) }),
  ),
})).run;

const asElements = (runs: Run[]): ReactNode =>
  runs.map((r, i) =>
    typeof r === 'string' ? (
      r
    ) : (
      <Styled key={i} role={r.role}>
        {asElements(r.runs)}
      </Styled>
    ),
  );

const asString = (runs: Run[], theme: Theme): string => runs.map((r) => (typeof r === 'string' ? r : paintWith(theme)(r.role, asString(r.runs, theme)))).join('');

const draw = (node: ReactNode, theme: Theme) => renderToString(<ThemeProvider theme={theme}>{node}</ThemeProvider>, { columns: 200 });

describe('a line painted as one string', () => {
  test('draws what the same runs draw as nested <Styled>, in every theme', () => {
    fc.assert(
      fc.property(fc.constantFrom(...THEMES), fc.array(run, { maxLength: 5 }), ([, theme], runs) => {
        assert.equal(draw(<Text>{asString(runs, theme)}</Text>, theme), draw(<Text>{asElements(runs)}</Text>, theme));
      }),
      { numRuns: 400 },
    );
  });

  test('paintSegments draws what <Segments> draws', () => {
    const kinds = fc.constantFrom(undefined, 'match', 'titleMatch', 'current', 'person', 'not-a-role');
    const segments = fc.array(fc.record({ text: fc.constantFrom('a', 'Golan', ' ', '中'), kind: kinds }), { maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom(...THEMES), segments, ([, theme], segs) => {
        const clean = segs.map((s) => (s.kind === undefined ? { text: s.text } : { text: s.text, kind: s.kind }));
        assert.equal(draw(<Text>{paintSegments(clean, paintWith(theme))}</Text>, theme), draw(<Text><Segments segments={clean} /></Text>, theme));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the list while filtering', () => {
  const articles = ['Golan talks resume', 'Rain over the Golan', 'Talks in Vienna'].map((title) => makeArticle(title, [`${title}: the Golan and the talks, at length.`]));
  const library = makeLibrary(articles);
  const size = { cols: 80, rows: 16 };

  /** Hits that count how often a row reads them (matches for the title, snippetAt for the snippet). */
  function countingHits() {
    const reads = { matches: 0, snippets: 0 };
    const hits = articles.map((article, index): SearchHit => {
      const start = article.title.indexOf('Golan');
      const matches = start < 0 ? [] : [{ field: 'title' as const, start, end: start + 5 }];
      const text = article.text.slice(0, 40);
      return {
        index,
        score: 3 - index,
        get matches() {
          reads.matches++;
          return matches;
        },
        snippet: { text, highlights: [] },
        snippetAt: () => {
          reads.snippets++;
          return { text, highlights: [{ start: text.indexOf('Golan'), end: text.indexOf('Golan') + 5 }] };
        },
      } as unknown as SearchHit;
    });
    return { reads, hits };
  }

  const filtering = (hits: SearchHit[], prompt: string): State => {
    const base = initialState(library, size);
    return { ...base, prompt: { target: 'library', text: prompt }, filter: { query: 'golan', resultQuery: 'golan', result: { hits, total: hits.length } } };
  };

  test('a key echoed in the prompt, the result unchanged: the rows are not drawn again', () => {
    const { reads, hits } = countingHits();
    const theme = themeFor({ TERM: 'xterm-256color' });
    const app = render(
      <ThemeProvider theme={theme}>
        <ListView state={filtering(hits, 'golan')} viewport={size} />
      </ThemeProvider>,
    );
    const drawn = { ...reads };
    assert.ok(drawn.matches >= 3 && drawn.snippets === 3, `each row read its hit once (${JSON.stringify(drawn)})`);
    app.rerender(
      <ThemeProvider theme={theme}>
        <ListView state={filtering(hits, 'golan ')} viewport={size} />
      </ThemeProvider>,
    );
    assert.match(app.lastFrame() ?? '', /\/golan /, 'the prompt shows the key');
    assert.deepEqual(reads, drawn, 'no row read its hit again');
    // A new result (new hits) is drawn: the same rows, read again.
    const next = countingHits();
    app.rerender(
      <ThemeProvider theme={theme}>
        <ListView state={filtering(next.hits, 'golan ')} viewport={size} />
      </ThemeProvider>,
    );
    assert.equal(next.reads.snippets, 3);
  });

  test('the title match, the selection and the dim snippet with its match keep their styles', () => {
    const { hits } = countingHits();
    const theme = themeFor({ TERM: 'xterm-256color' });
    const paint = paintWith(theme);
    const frame = render(
      <ThemeProvider theme={theme}>
        <ListView state={filtering(hits, 'golan')} viewport={size} />
      </ThemeProvider>,
    ).lastFrame() ?? '';
    const rows = frame.split('\n');
    // Ink writes styles its own way (one code per attribute): the expected text is drawn by Ink too.
    const drawn = (text: string) => renderToString(<Text>{text}</Text>, { columns: 200 });
    const upTo = (text: string, end: string) => text.slice(0, text.indexOf(end) + end.length);
    const match = (role: Role) => upTo(drawn(paint(role, 'Golan')), 'Golan');
    // The selected row is inverse throughout, its title match drawn as a title match inside it.
    assert.ok(rows[1]!.startsWith(upTo(drawn(paint('selected', `N› ${paint('titleMatch', 'Golan')} talks`)), 'talks')), JSON.stringify(rows[1]));
    assert.ok(rows[1]!.endsWith(drawn(paint('selected', 'x')).split('x')[1]!), 'inverse to the end of the row');
    assert.ok(rows[2]!.startsWith(`${drawn(paint('dim', 'x')).split('x')[0]}    ${match('match')}`), JSON.stringify(rows[2]));
    assert.ok(rows[3]!.includes(match('titleMatch')) && !rows[3]!.startsWith(drawn(paint('selected', 'x')).split('x')[0]!), 'a row not selected: its match, no inverse');
  });
});

test("a row's metadata follows its article's word count (a body repaired from the cache is recounted)", async () => {
  const { articleMeta } = await import('../../source/views/list-rows');
  const article = { ...makeArticle('Counted', ['one two three']), date: '2024-05-01' };
  assert.equal(articleMeta(article), '2024-05-01 · 3 words · 1 min');
  assert.equal(articleMeta(article), '2024-05-01 · 3 words · 1 min', 'asked again');
  article.words = 1200;
  assert.equal(articleMeta(article), '2024-05-01 · 1,200 words · 5 min');
});
