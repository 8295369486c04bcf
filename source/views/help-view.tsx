import { Box, Text } from 'ink';
import { displayWidth, padToWidth, truncateToWidth } from '../core/layout/text-width';
import { type Context, helpRows } from '../keymap';
import { frameHeight, type Viewport } from '../state/geometry';
import { theme } from './theme';

const sections: { context: Context; heading: string }[] = [
  { context: 'list', heading: 'Article list' },
  { context: 'reader', heading: 'Reader' },
  { context: 'prompt', heading: 'While typing a search (every other key is text)' },
  { context: 'mentions', heading: 'Mentions list (m)' },
];

/** fzf's extended search syntax, as the library filter understands it. */
const querySyntax: { keys: string; description: string }[] = [
  { keys: 'iran israel', description: 'both words (typos forgiven: netanyhau)' },
  { keys: 'iran | syria', description: 'either word' },
  { keys: "'golan", description: 'exactly this, no typos' },
  { keys: '^net', description: 'a word starting with net' },
  { keys: 'yahu$', description: 'a word ending in yahu' },
  { keys: '!russia', description: 'articles without russia' },
];

/** The help overlay, generated from the keymap; the current screen's section comes first. */
export function HelpView({ viewport, current }: { viewport: Viewport; current: Context }) {
  // Rows that do not fit are cut with a final …: the current screen's section comes first.
  const ordered = [...sections].sort((a, b) => Number(b.context === current) - Number(a.context === current));
  const lines: { text: string; bold?: boolean; dim?: boolean }[] = [];
  for (const section of ordered) {
    const rows = helpRows(section.context);
    const keyWidth = Math.max(...rows.map((r) => displayWidth(r.keys)));
    lines.push({ text: section.heading, bold: true });
    for (const row of rows) lines.push({ text: `  ${padToWidth(row.keys, keyWidth)}  ${row.description}` });
    lines.push({ text: '' });
  }
  const syntaxWidth = Math.max(...querySyntax.map((r) => displayWidth(r.keys)));
  lines.push({ text: 'Search syntax (case and accents ignored)', bold: true });
  for (const row of querySyntax) lines.push({ text: `  ${padToWidth(row.keys, syntaxWidth)}  ${row.description}` });
  const height = frameHeight(viewport) - 2;
  const shown = lines.length > height ? [...lines.slice(0, height - 1), { text: '…', dim: true }] : lines;
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text bold color={theme.accent}>
        Keys
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((line, i) => (
          <Text key={i} bold={line.bold} color={line.dim ? theme.dim : undefined} wrap="truncate">
            {truncateToWidth(line.text, viewport.cols)}
          </Text>
        ))}
      </Box>
      <Text color={theme.dim} wrap="truncate">
        ? or Esc closes help · q quits
      </Text>
    </Box>
  );
}
