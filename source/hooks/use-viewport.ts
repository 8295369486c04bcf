import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { Viewport } from '../state/geometry';

const FALLBACK: Viewport = { cols: 80, rows: 24 };

/**
 * The terminal size, following resizes. A `fixed` size (tests, or a caller that knows better)
 * wins over what stdout reports; ink-testing-library's stdout, for one, has no rows.
 */
export function useViewport(fixed?: Viewport): Viewport {
  const { stdout } = useStdout();
  const read = (): Viewport => ({
    cols: stdout.columns || FALLBACK.cols,
    rows: stdout.rows || FALLBACK.rows,
  });
  const [measured, setMeasured] = useState<Viewport>(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setMeasured(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // `read` only closes over stdout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout, fixed]);
  return fixed ?? measured;
}
