/**
 * `lede correct hide|type|rename|merge|split|undo|list …`: the user's corrections, made from the
 * command line and kept in the corrections file (corrections-file.ts). A change prints one line
 * saying what was done; a mistake in the command is a usage error (exit 2), a file that cannot be
 * changed an error (exit 1), each one line.
 */
import { type Correction, type CorrectionOp, describeCorrection, readCorrection } from '../core/entities/corrections';
import { addCorrection, type CorrectionsChange, correctionsPath, loadCorrections, undoCorrection } from '../core/entities/corrections-file';
import { UsageError } from '../core/errors';
import { sanitizeSingleLine } from '../core/sanitize';
import { toJson } from './json';

export const CORRECT_USAGE = 'lede correct hide NAME | type NAME person|place|organization | rename NAME TO | merge NAME INTO | split NAME ALIAS | undo | list [--json]';

/** What each op takes after its name, for the usage line of a command with the wrong arguments. */
const OP_ARGS: Record<CorrectionOp, string> = {
  hide: 'NAME',
  type: 'NAME person|place|organization',
  rename: 'NAME TO',
  merge: 'NAME INTO',
  split: 'NAME ALIAS',
};

/** `org`, as the tables print it, is accepted for organization. */
const TYPE_WORDS: Record<string, string> = { person: 'person', place: 'place', organization: 'organization', org: 'organization' };

export type CorrectCommand = { action: 'add'; correction: Correction } | { action: 'undo' } | { action: 'list' };

/** The command's words as a command, or a UsageError saying what is wrong. */
export function parseCorrectArgs(args: readonly string[]): CorrectCommand {
  const [op, ...rest] = args;
  if (op === 'undo' || op === 'list') {
    if (rest.length > 0) throw new UsageError(`lede correct ${op} takes no arguments`);
    return { action: op };
  }
  if (op === undefined || !(op in OP_ARGS)) {
    throw new UsageError(`${op === undefined ? 'correct needs what to do' : `no correction “${sanitizeSingleLine(op)}”`}: ${CORRECT_USAGE}`);
  }
  const wanted = OP_ARGS[op as CorrectionOp].split(' ').length;
  if (rest.length !== wanted) {
    throw new UsageError(`correct ${op} takes ${OP_ARGS[op as CorrectionOp]} (${rest.length < wanted ? 'missing' : 'too many'} arguments; quote a name of several words)`);
  }
  const [name, other] = rest as [string, string | undefined];
  const raw: Record<string, string | undefined> = { op, name };
  if (op === 'type') raw.type = TYPE_WORDS[other!.toLowerCase()] ?? other;
  else if (op === 'rename') raw.to = other;
  else if (op === 'merge') raw.into = other;
  else if (op === 'split') raw.alias = other;
  const read = readCorrection(raw);
  if ('problem' in read) throw new UsageError(`correct ${op}: ${read.problem}`);
  return { action: 'add', correction: read.correction };
}

const count = (n: number) => `${n.toLocaleString('en')} correction${n === 1 ? '' : 's'}`;

/** Runs `lede correct …`; returns the exit status. */
export function runCorrect(args: readonly string[], json: boolean, print: (text: string) => void): number {
  const command = parseCorrectArgs(args);
  if (json && command.action !== 'list') throw new UsageError('--json goes with lede correct list');
  if (command.action === 'list') {
    print(listCorrections(json));
    return 0;
  }
  const result = command.action === 'add' ? addCorrection(command.correction) : undoCorrection();
  print(changeLine(command.action, result));
  return 0;
}

/** The one line a change prints; a change that could not be made is an error (one line, exit 1). */
function changeLine(action: 'add' | 'undo', result: CorrectionsChange): string {
  if (!result.ok) throw new Error(result.problem);
  const what = sanitizeSingleLine(describeCorrection(result.correction));
  const where = `${count(result.set.size)} in ${sanitizeSingleLine(result.path)}`;
  if (action === 'undo') return `undone: ${what} (${where})`;
  return result.changed ? `saved: ${what} (${where})` : `already so: ${what} (nothing changed)`;
}

/** The corrections in effect, numbered in the order they were made (later ones win), or as JSON. */
function listCorrections(json: boolean): string {
  const { set, problem } = loadCorrections();
  const path = correctionsPath();
  // A file that cannot be used is said, and what could be read is still listed.
  if (problem) process.stderr.write(`lede: ${sanitizeSingleLine(problem)}\n`);
  if (json) return toJson({ file: path, corrections: set.list });
  const where = path === null ? 'no config directory' : sanitizeSingleLine(path);
  if (set.size === 0) return `no corrections (${where})`;
  const width = String(set.size).length;
  const lines = set.list.map((c, i) => `${String(i + 1).padStart(width)}  ${sanitizeSingleLine(describeCorrection(c))}`);
  return [`# ${count(set.size)} in ${where}, later ones win`, ...lines].join('\n');
}
