/**
 * The user's corrections, from the keyboard: on the entity selected in the panel or in the
 * library's entities. A key asks for the correction (an effect: the app writes it to the
 * corrections file); the set in force comes back as an action, and everything shown follows it.
 */
import type { EntityType } from '../core/entities';
import type { Correction, CorrectionSet } from '../core/entities/corrections';
import { unreachable } from '../keymap';
import { selectedLibraryEntity } from './entity-lists';
import { selectedEntity } from './panel';
import type { Notice, State } from './types';

export type CorrectionCommand = 'hideEntity' | 'retypeEntity' | 'renameEntity' | 'mergeEntity' | 'splitEntity' | 'undoCorrection';

const NEXT_TYPE: Record<EntityType, EntityType> = { person: 'place', place: 'organization', organization: 'person' };

/** The entity a correction key is about: the panel's selection, or the library screen's. */
function target(state: State): { name: string; type: EntityType; aliases: readonly string[] } | undefined {
  if (state.screen.name === 'entities') return selectedLibraryEntity(state);
  return selectedEntity(state);
}

const ask = (state: State, correction: Correction): State => ({ ...state, effects: [...state.effects, { type: 'correct', correction }] });

export function correctionCommand(state: State, cmd: CorrectionCommand): State {
  if (cmd === 'undoCorrection') {
    if (state.entities.corrections.size === 0) return { ...state, notice: { kind: 'info', text: 'no correction to undo' } };
    return { ...state, effects: [...state.effects, { type: 'undoCorrection' }] };
  }
  const entity = target(state);
  if (!entity) return { ...state, notice: { kind: 'info', text: 'no entity selected' } };
  switch (cmd) {
    case 'hideEntity':
      return ask(state, { op: 'hide', name: entity.name });
    case 'retypeEntity':
      return ask(state, { op: 'type', name: entity.name, type: NEXT_TYPE[entity.type] });
    case 'renameEntity':
      return { ...state, prompt: { target: 'correction', text: entity.name, correcting: { op: 'rename', name: entity.name } } };
    case 'mergeEntity':
      return { ...state, prompt: { target: 'correction', text: '', correcting: { op: 'merge', name: entity.name } } };
    case 'splitEntity': {
      if (entity.aliases.length === 0) return { ...state, notice: { kind: 'info', text: `${entity.name} goes by no other name to split off` } };
      return { ...state, prompt: { target: 'correction', text: entity.aliases[0] ?? '', correcting: { op: 'split', name: entity.name } } };
    }
    default:
      return unreachable(cmd);
  }
}

/** Enter at a correction's prompt: the correction it completes, if the text makes one. */
export function correctionFromPrompt(correcting: { op: 'rename' | 'merge' | 'split'; name: string }, text: string): Correction | undefined {
  const value = text.trim();
  if (!value || value === correcting.name) return undefined;
  switch (correcting.op) {
    case 'rename':
      return { op: 'rename', name: correcting.name, to: value };
    case 'merge':
      return { op: 'merge', name: correcting.name, into: value };
    case 'split':
      return { op: 'split', name: correcting.name, alias: value };
    default:
      return unreachable(correcting.op);
  }
}

/** The corrections in force changed: the library's entities are rebuilt under them at once. */
export function receiveCorrections(state: State, corrections: CorrectionSet, notice: Notice | undefined): State {
  const library = state.entities.library?.withCorrections(corrections) ?? null;
  return { ...state, entities: { ...state.entities, corrections, library }, notice: notice ?? state.notice };
}
