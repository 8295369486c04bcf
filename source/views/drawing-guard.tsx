import { Box, Text } from 'ink';
import { Component, type ReactNode } from 'react';
import { sanitizeSingleLine } from '../core/sanitize';
import { frameHeight, type Viewport } from '../state/geometry';
import { Styled } from './styled';

interface Props {
  /** Changes whenever the state does: a new state is a new chance to draw. */
  generation: unknown;
  viewport: Viewport;
  children: ReactNode;
}

/**
 * No frame ends the session: an error while drawing shows one line saying so in place of the
 * screen, and the next state (any key) tries to draw again. Keys keep working meanwhile: input is
 * handled outside this boundary.
 */
export class DrawingGuard extends Component<Props, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error !== null && previous.generation !== this.props.generation) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const { viewport } = this.props;
    return (
      <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
        <Text wrap="truncate">
          <Styled role="accent">lede could not draw this screen</Styled>
        </Text>
        <Text wrap="truncate">{sanitizeSingleLine(error.split('\n')[0] ?? '')}</Text>
        <Text wrap="truncate">
          <Styled role="dim">Esc goes back · q quits</Styled>
        </Text>
      </Box>
    );
  }
}
