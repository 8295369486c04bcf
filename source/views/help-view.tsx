import { Box, Text } from 'ink';
import { displayWidth, padToWidth, truncateToWidth } from '../core/layout/text-width';
import { type Context, helpRows } from '../keymap';
import { frameHeight, type Viewport } from '../state/geometry';
import { theme } from './theme';

const sections: { context: Context; heading: string }[] = [
  { context: 'list', heading: 'Article list' },
  { context: 'reader', heading: 'Reader' },
];

/** The help overlay, generated from the keymap; the current screen's section comes first. */
export function HelpView({ viewport, current }: { viewport: Viewport; current: Context }) {
  const ordered = [...sections].sort((a, b) => Number(b.context === current) - Number(a.context === current));
  const lines: { text: string; bold?: boolean; dim?: boolean }[] = [];
  for (const section of ordered) {
    const rows = helpRows(section.context);
    const keyWidth = Math.max(...rows.map((r) => displayWidth(r.keys)));
    lines.push({ text: section.heading, bold: true });
    for (const row of rows) lines.push({ text: `  ${padToWidth(row.keys, keyWidth)}  ${row.description}` });
    lines.push({ text: '' });
  }
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
