import { Box, Text } from 'ink';
import { isTooSmall } from '../state/geometry';
import type { State } from '../state/types';
import { EntitiesView } from './entities-view';
import { EntityMentionsView } from './entity-mentions-view';
import { HelpView } from './help-view';
import { ListView } from './list-view';
import { MentionsView } from './mentions-view';
import { ReaderView } from './reader-view';
import { SkippedView } from './skipped-view';
import { TooSmall } from './too-small';

/** What is on screen for a state: the one place that chooses between the views. */
export function Screen({ state }: { state: State }) {
  if (!state.repaint) return <View state={state} />;
  // One row more than the frame: Ink then draws the whole screen anew (see State.repaint).
  return (
    <Box flexDirection="column">
      <View state={state} />
      <Text> </Text>
    </Box>
  );
}

function View({ state }: { state: State }) {
  const { viewport } = state;
  if (isTooSmall(viewport)) return <TooSmall viewport={viewport} />;
  if (state.overlay === 'help') return <HelpView state={state} />;
  if (state.overlay === 'skipped') return <SkippedView state={state} viewport={viewport} />;
  if (state.overlay === 'mentions') return <MentionsView state={state} viewport={viewport} />;
  if (state.screen.name === 'reader') return <ReaderView state={state} viewport={viewport} />;
  if (state.screen.name === 'entities') return <EntitiesView state={state} viewport={viewport} />;
  if (state.screen.name === 'entityMentions') return <EntityMentionsView state={state} viewport={viewport} />;
  return <ListView state={state} viewport={viewport} />;
}
