/**
 * Counts the event loop's turns from now until `stop()`: work done in slices gives it turns,
 * work done at once gives none. `onTurn` runs on each (it is told the turn's number, from 1), to
 * look at what the work has done so far.
 */
export function countTurns(onTurn?: (turn: number) => void): { stop(): number } {
  let turns = 0;
  let counting = true;
  const count = () => {
    if (!counting) return;
    turns++;
    onTurn?.(turns);
    setImmediate(count);
  };
  setImmediate(count);
  return {
    stop: () => {
      counting = false;
      return turns;
    },
  };
}
