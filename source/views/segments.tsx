import type { Segment } from '../core/layout/segments';
import { Styled } from './styled';
import { roleOfKind } from './theme';

/** Draws runs of text, styling each highlighted run by its kind. */
export function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) => (
        // Runs have no identity beyond their position in the line.
        <Styled key={i} role={roleOfKind(segment.kind)}>
          {segment.text}
        </Styled>
      ))}
    </>
  );
}
