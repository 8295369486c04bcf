import { Box, Text } from 'ink';
import { groupedCount } from '../core/count-format';
import { sanitizeSingleLine } from '../core/sanitize';
import { Styled } from './styled';

export interface LoadingProgress {
  label: string;
  done: number;
  total: number;
  articles: number;
}

/** The first frame while a large library is read: something on screen at once, with progress. */
export function Loading({ label, done, total, articles }: LoadingProgress) {
  // A big collection is one file: the articles read so far are what moves.
  const files = total > 0 ? ` ${groupedCount(done)}/${groupedCount(total)} files` : '';
  const progress = articles > 0 ? `${files} · ${groupedCount(articles)} articles` : files;
  return (
    <Box>
      <Text wrap="truncate">
        <Styled role="accent">lede</Styled>{' '}
        {/* The label is a path from the command line: a file name can hold an escape. */}
        reading {sanitizeSingleLine(label)}…{progress}
      </Text>
    </Box>
  );
}
