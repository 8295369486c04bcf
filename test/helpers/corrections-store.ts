import type { CorrectionsStore } from '../../source/app';
import { type Correction, CorrectionSet } from '../../source/core/entities/corrections';

/** A corrections store in memory, as the app uses the corrections file. */
export function memoryCorrections(initial: Correction[] = []): CorrectionsStore & { list: Correction[] } {
  const list = [...initial];
  return {
    list,
    load: () => ({ corrections: new CorrectionSet(list), problem: null }),
    add: (c) => {
      list.push(c);
      return { corrections: new CorrectionSet(list) };
    },
    undo: () => {
      const undone = list.pop();
      return undone ? { corrections: new CorrectionSet(list), undone } : { problem: 'no correction to undo' };
    },
  };
}
