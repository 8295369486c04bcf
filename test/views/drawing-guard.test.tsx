// No frame ends the session: a screen that throws while it is drawn is replaced by one line
// saying so (the error's first line, sanitised), and the next state draws the screen again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { DrawingGuard } from '../../source/views/drawing-guard';
import { waitForFrame } from '../helpers/ink';

function Screen({ fails }: { fails: boolean }) {
  if (fails) throw new Error('bad row \x1b]0;owned\x07\nsecond line');
  return <Text>the list, drawn</Text>;
}

test('an error while drawing shows one line in place of the screen; the next state draws again', async () => {
  const viewport = { cols: 60, rows: 10 };
  // React reports a caught render error on the console; it is expected here.
  const consoleError = console.error;
  console.error = () => {};
  try {
    const rendered = render(
      <DrawingGuard generation={1} viewport={viewport}>
        <Screen fails />
      </DrawingGuard>,
    );
    const frame = await waitForFrame(rendered, (f) => f.includes('lede could not draw this screen'));
    assert.match(frame, /bad row/);
    assert.doesNotMatch(frame, /second line/, 'the first line of the error only');
    assert.doesNotMatch(frame, /\x1b\]/, 'no control sequence from the message');
    assert.match(frame, /Esc goes back · q quits/);
    // The same state again: still the notice (nothing changed to draw differently).
    rendered.rerender(
      <DrawingGuard generation={1} viewport={viewport}>
        <Screen fails={false} />
      </DrawingGuard>,
    );
    assert.match(rendered.lastFrame() ?? '', /could not draw/);
    // A new state (any key): the screen is drawn again.
    rendered.rerender(
      <DrawingGuard generation={2} viewport={viewport}>
        <Screen fails={false} />
      </DrawingGuard>,
    );
    await waitForFrame(rendered, (f) => f.includes('the list, drawn'), 'the screen drawn again');
    rendered.unmount();
  } finally {
    console.error = consoleError;
  }
});
