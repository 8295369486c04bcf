import { Box, Text } from 'ink';
import { pagePosition } from '../core/layout/paginate';
import { type Highlight, segmentLine } from '../core/layout/segments';
import { frameHeight, readerGeometry, type Viewport } from '../state/geometry';
import type { Find, State } from '../state/reducer';
import { StatusLine } from './footer';
import { PromptLine } from './prompt-line';
import { Segments } from './segments';
import { theme } from './theme';

function findHighlights(find: Find | null): Highlight[] {
  if (!find) return [];
  return find.matches.map((m, i) => ({
    start: m.start,
    end: m.end,
    kind: i === find.current ? 'current' : 'match',
    priority: i === find.current ? 3 : 2,
  }));
}

/** "match 3/9", "match 2/4 (with typos)" or "no match for “x”". */
export function findStatus(find: Find | null): string {
  if (!find) return '';
  if (find.matches.length === 0) return `no match for “${find.query}”`;
  const fuzzy = find.matches[0]?.fuzzy ? ' (with typos)' : '';
  return `match ${find.current + 1}/${find.matches.length}${fuzzy}`;
}

export function ReaderView({ state, viewport }: { state: State; viewport: Viewport }) {
  const screen = state.screen;
  if (screen.name !== 'reader') return null;
  const article = state.library.articles[screen.articleIndex];
  if (!article) return null;
  const { lines, pageHeight, margin, measure, titleLines } = readerGeometry(article, viewport, state.widthOverride);
  const pad = ' '.repeat(margin);
  const page = lines.slice(screen.top, screen.top + pageHeight);
  const highlights = findHighlights(state.find);
  const position = pagePosition(screen.top, lines.length, pageHeight);
  const status = [`page ${position.page}/${position.pages} · ${position.percent}%`, findStatus(state.find)]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      {titleLines.map((line) => (
        <Text key={line} bold wrap="truncate">
          {pad}
          {line}
        </Text>
      ))}
      <Text color={theme.dim} wrap="truncate">
        {pad}
        {theme.rule.repeat(measure)}
      </Text>
      <Box flexDirection="column" height={pageHeight}>
        {page.map((line) => (
          <Text key={`${line.start}:${line.end}:${line.blank ? 'b' : 'l'}`} wrap="truncate">
            {pad}
            <Segments segments={segmentLine(article.text, line, highlights)} />
          </Text>
        ))}
      </Box>
      {state.prompt ? (
        <PromptLine prompt={state.prompt} note={findStatus(state.find)} cols={viewport.cols} />
      ) : (
        <StatusLine left={status} context="reader" cols={viewport.cols} />
      )}
    </Box>
  );
}
