/**
 * Long synchronous work cut into slices, with a turn for the event loop between them, so a
 * progress frame, a key press or Ctrl+C is handled while a library loads.
 */
export class TimeSlices {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  /** Yields to the event loop once this slice has run its time; `onPause` runs just before. */
  async pauseIfDue(onPause?: () => void): Promise<void> {
    if (performance.now() - this.sliceStart <= this.sliceMs) return;
    onPause?.();
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}

/**
 * Work written as a generator that yields wherever it may pause (`yield` gives nothing and takes
 * nothing): run to its end at once, for callers that are not on a UI thread or need the result now.
 */
export function runSteps<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** The same, with a turn for the event loop whenever a slice has run `sliceMs`, so keys are answered meanwhile. */
export async function runStepsInSlices<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  const slices = new TimeSlices(sliceMs);
  let step = steps.next();
  while (!step.done) {
    await slices.pauseIfDue();
    step = steps.next();
  }
  return step.value;
}
