import { Box, Text } from 'ink';
import { pagePosition } from '../core/layout/paginate';
import { segmentLine } from '../core/layout/segments';
import { frameHeight, readerGeometry, type Viewport } from '../state/geometry';
import type { State } from '../state/reducer';
import { StatusLine } from './footer';
import { theme } from './theme';

export function ReaderView({ state, viewport }: { state: State; viewport: Viewport }) {
  const screen = state.screen;
  if (screen.name !== 'reader') return null;
  const article = state.library.articles[screen.articleIndex];
  if (!article) return null;
  const geometry = readerGeometry(article, viewport, state.widthOverride);
  const { lines, pageHeight, margin, measure, titleLines } = geometry;
  const pad = ' '.repeat(margin);
  const page = lines.slice(screen.top, screen.top + pageHeight);
  const position = pagePosition(screen.top, lines.length, pageHeight);
  const status = `page ${position.page}/${position.pages} · ${position.percent}%`;
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      {titleLines.map((line, i) => (
        <Text key={i} bold wrap="truncate">
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
            {segmentLine(article.text, line, []).map((s, i) => (
              <Text key={i}>{s.text}</Text>
            ))}
          </Text>
        ))}
      </Box>
      <StatusLine left={status} context="reader" cols={viewport.cols} />
    </Box>
  );
}
