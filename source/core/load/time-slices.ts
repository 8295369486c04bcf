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
