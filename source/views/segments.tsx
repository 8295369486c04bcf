import { Text } from 'ink';
import type { Segment } from '../core/layout/segments';
import { spanStyles } from './theme';

/** Draws runs of text, styling each highlighted run by its kind. */
export function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) => {
        const style = segment.kind ? spanStyles[segment.kind] : undefined;
        return (
          // Runs have no identity beyond their position in the line.
          <Text key={i} {...style}>
            {segment.text}
          </Text>
        );
      })}
    </>
  );
}
