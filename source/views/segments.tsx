import type { Segment } from '../core/layout/segments';
import { type Paint, Styled } from './styled';
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

/** The runs as one string, each highlighted run painted by its kind: what `<Segments>` draws. */
export function paintSegments(segments: readonly Segment[], paint: Paint): string {
  let text = '';
  for (const segment of segments) text += paint(roleOfKind(segment.kind), segment.text);
  return text;
}
