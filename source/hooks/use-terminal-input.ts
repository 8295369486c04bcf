import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { type InputEvent, InputDecoder } from '../terminal/input-decoder';

/**
 * A bracketed paste whose end marker has not come after this long of silence is ended anyway, so a
 * lost marker cannot swallow every key that follows.
 */
const PASTE_QUIET_MS = 250;

/**
 * The app's only input handler: Ink's stdin events, decoded by lede's own decoder (Ink 6.8's
 * `useInput` throws on keys it does not know, which ended the program). Every chunk's events go to
 * `onEvents` in one call, so a burst of keys is one state update, drawn once.
 */
export function useTerminalInput(onEvents: (events: InputEvent[]) => void): void {
  const { internal_eventEmitter: emitter, setRawMode, isRawModeSupported } = useStdin();
  const handler = useRef(onEvents);
  handler.current = onEvents;

  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);

  useEffect(() => {
    const decoder = new InputDecoder();
    let quiet: NodeJS.Timeout | undefined;
    const deliver = (events: InputEvent[]) => {
      if (events.length > 0) handler.current(events);
    };
    const onInput = (data: string) => {
      clearTimeout(quiet);
      deliver(decoder.push(data));
      if (decoder.pasting) quiet = setTimeout(() => deliver(decoder.flush()), PASTE_QUIET_MS);
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
      clearTimeout(quiet);
    };
  }, [emitter]);
}
