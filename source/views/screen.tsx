import { isTooSmall } from '../state/geometry';
import type { State } from '../state/reducer';
import { HelpView } from './help-view';
import { ListView } from './list-view';
import { MentionsView } from './mentions-view';
import { ReaderView } from './reader-view';
import { SkippedView } from './skipped-view';
import { TooSmall } from './too-small';

/** What is on screen for a state: the one place that chooses between the views. */
export function Screen({ state }: { state: State }) {
  const { viewport } = state;
  if (isTooSmall(viewport)) return <TooSmall viewport={viewport} />;
  if (state.overlay === 'help') return <HelpView viewport={viewport} current={state.screen.name} />;
  if (state.overlay === 'skipped') return <SkippedView state={state} viewport={viewport} />;
  if (state.overlay === 'mentions') return <MentionsView state={state} viewport={viewport} />;
  if (state.screen.name === 'reader') return <ReaderView state={state} viewport={viewport} />;
  return <ListView state={state} viewport={viewport} />;
}
