import { Box, Text } from 'ink';
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
  const files = total > 0 ? ` ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files` : '';
  const progress = articles > 0 ? `${files} · ${articles.toLocaleString('en-US')} articles` : files;
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
