import { Box, Text } from 'ink';
import { segmentField } from '../core/layout/segments';
import { frameHeight } from '../state/geometry';
import { helpLines, helpMatches, helpPageHeight } from '../state/help';
import type { State } from '../state/types';
import { StatusLine } from './footer';
import { PromptLine } from './prompt-line';
import { Segments } from './segments';
import { Styled } from './styled';

/** The help page, generated from the keymap: the current screen's keys first, scrolled like a page. */
export function HelpView({ state }: { state: State }) {
  const { viewport, help } = state;
  const lines = helpLines(help.from, viewport.cols);
  const height = helpPageHeight(state);
  const top = Math.min(help.top, Math.max(0, lines.length - height));
  const shown = lines.slice(top, top + height);
  const matches = helpMatches(state);
  const spansByLine = new Map(matches.map((m) => [m.line, m.spans.map((span) => ({ ...span, kind: 'match', priority: 1 }))]));
  const typos = matches.some((m) => m.typos) ? ' (with typos)' : '';
  const position = lines.length > height ? `lines ${top + 1}–${top + shown.length} of ${lines.length}` : '';
  const found = help.query ? ` · “${help.query}” ${matches.length === 0 ? 'not found' : `${Math.max(1, help.match + 1)}/${matches.length}${typos}`}` : '';
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text>
        <Styled role="accent">Keys</Styled>
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((line, i) => (
          <Text key={`${top + i}`} wrap="truncate">
            <Styled role={line.heading ? 'strong' : undefined}>
              <Segments segments={segmentField(line.text, spansByLine.get(top + i) ?? [], viewport.cols)} />
            </Styled>
          </Text>
        ))}
      </Box>
      {state.prompt ? (
        <PromptLine prompt={state.prompt} note={state.notice?.text ?? found.replace(/^ · /, '')} cols={viewport.cols} />
      ) : (
        <StatusLine left={`${position}${found}`.replace(/^ · /, '')} context="help" cols={viewport.cols} notice={state.notice} />
      )}
    </Box>
  );
}
