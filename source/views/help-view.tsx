import { Box, Text } from 'ink';
import { displayWidth, padToWidth, truncateToWidth } from '../core/layout/text-width';
import { type Context, helpRows } from '../keymap';
import { frameHeight, type Viewport } from '../state/geometry';
import { theme } from './theme';

const headings: Partial<Record<Context, string>> = {
  list: 'Article list',
  reader: 'Reader',
  prompt: 'While typing a search (every other key is text)',
  mentions: 'Mentions list (m)',
};

/** Help for the screen it was opened from, and what can be reached from there. */
const sectionsFor: Record<'list' | 'reader', Context[]> = {
  list: ['list', 'prompt'],
  reader: ['reader', 'prompt', 'mentions'],
};

/** fzf's extended search syntax, as the library filter understands it. */
const querySyntax: { keys: string; description: string }[] = [
  { keys: 'iran israel', description: 'both words (typos forgiven: netanyhau)' },
  { keys: 'iran | syria', description: 'either word' },
  { keys: "'golan", description: 'exactly this, no typos' },
  { keys: '^netanyahu', description: 'title or text starting with it (as in fzf)' },
  { keys: 'syria$', description: 'title or text ending with it' },
  { keys: '!russia', description: 'articles without russia' },
  { keys: '@netanyahu', description: 'articles that mention that entity' },
];

type HelpLine = { text: string; bold?: boolean; dim?: boolean };

/** Narrowest column worth flowing help into; below it, the help is cut with a final "…". */
const MIN_COLUMN_WIDTH = 40;

/**
 * Flows the help into as many side-by-side columns as it needs and the terminal can hold, so a
 * wide terminal shows all of it; what still does not fit ends in "…".
 */
function helpColumns(lines: HelpLine[], height: number, cols: number): { width: number; lines: HelpLine[] }[] {
  const widest = Math.max(...lines.map((l) => displayWidth(l.text)));
  const wanted = Math.ceil(lines.length / height);
  const fitting = Math.max(1, Math.floor((cols + 2) / (MIN_COLUMN_WIDTH + 2)));
  const count = Math.min(wanted, fitting);
  const width = Math.min(widest, Math.floor((cols - 2 * (count - 1)) / count));
  const columns = Array.from({ length: count }, (_, c) => ({ width, lines: lines.slice(c * height, (c + 1) * height) }));
  const last = columns[count - 1];
  if (last && lines.length > count * height) last.lines[height - 1] = { text: '…', dim: true };
  return columns;
}

/** The help overlay, generated from the keymap; the current screen's section comes first. */
export function HelpView({ viewport, current }: { viewport: Viewport; current: Context }) {
  const lines: HelpLine[] = [];
  for (const context of sectionsFor[current === 'reader' ? 'reader' : 'list']) {
    const rows = helpRows(context);
    const keyWidth = Math.max(...rows.map((r) => displayWidth(r.keys)));
    lines.push({ text: headings[context] ?? context, bold: true });
    for (const row of rows) lines.push({ text: `  ${padToWidth(row.keys, keyWidth)}  ${row.description}` });
    lines.push({ text: '' });
  }
  if (current !== 'reader') {
    const syntaxWidth = Math.max(...querySyntax.map((r) => displayWidth(r.keys)));
    lines.push({ text: 'Search syntax (case and accents ignored)', bold: true });
    for (const row of querySyntax) lines.push({ text: `  ${padToWidth(row.keys, syntaxWidth)}  ${row.description}` });
  }
  const height = Math.max(1, frameHeight(viewport) - 2);
  const columns = helpColumns(lines, height, viewport.cols);
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text bold color={theme.accent}>
        Keys
      </Text>
      <Box flexDirection="row" height={height}>
        {columns.map((column, c) => (
          <Box key={`column${c}`} flexDirection="column" width={column.width} marginRight={c < columns.length - 1 ? 2 : 0}>
            {column.lines.map((line, i) => (
              <Text key={`${c}:${i}`} bold={line.bold} color={line.dim ? theme.dim : undefined} wrap="truncate">
                {truncateToWidth(line.text, column.width)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      <Text color={theme.dim} wrap="truncate">
        ? or Esc closes help · q quits
      </Text>
    </Box>
  );
}
