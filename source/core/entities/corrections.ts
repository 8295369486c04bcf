/**
 * The user's corrections to what the extractor found: the user owns the entities. Each correction
 * names an entity by name (or one of its forms), so it applies in every article at once: "hide
 * Christmas" hides it everywhere, "merge Lib Dems into Liberal Democrats" for the whole library.
 *
 * | op     | fields             | does                                                         |
 * |--------|--------------------|--------------------------------------------------------------|
 * | hide   | name               | the entity is not shown                                      |
 * | type   | name, type         | the entity is of that type                                   |
 * | rename | name, to           | the entity is shown (and keyed) as `to`                      |
 * | merge  | name, into         | the entity is part of the one named `into`                   |
 * | split  | name, alias        | the form `alias` of `name` is an entity of its own           |
 *
 * Later corrections win over earlier ones about the same name. Pure: reading and writing the file
 * is corrections-file.ts'.
 */
import { createHash } from 'node:crypto';
import { normalizeName } from './normalize.js';
import type { EntityType } from './types.js';

export type Correction =
  | { op: 'hide'; name: string }
  | { op: 'type'; name: string; type: EntityType }
  | { op: 'rename'; name: string; to: string }
  | { op: 'merge'; name: string; into: string }
  | { op: 'split'; name: string; alias: string };

export type CorrectionOp = Correction['op'];
export const CORRECTION_OPS: readonly CorrectionOp[] = ['hide', 'type', 'rename', 'merge', 'split'];
const TYPES: readonly EntityType[] = ['person', 'place', 'organization'];

/** Names longer than this are not names: a correction naming one is refused. */
export const MAX_CORRECTION_NAME = 200;
/** Corrections a file may hold; a file with more is not lede's. */
export const MAX_CORRECTIONS = 10_000;

const isName = (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_CORRECTION_NAME && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(v);

/** One correction from untrusted JSON, or undefined when it is not one. */
export function asCorrection(value: unknown): Correction | undefined {
  const read = readCorrection(value);
  return 'correction' in read ? read.correction : undefined;
}

const NAME_RULE = `1 to ${MAX_CORRECTION_NAME} characters, no control characters`;

/**
 * One correction from untrusted JSON, or what is wrong with it in a few words ("type" must be
 * person, place or organization): what the corrections file and `lede correct` tell the user.
 */
export function readCorrection(value: unknown): { correction: Correction } | { problem: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: 'not an object' };
  const v = value as Record<string, unknown>;
  if (!CORRECTION_OPS.includes(v.op as CorrectionOp)) return { problem: `"op" must be one of ${CORRECTION_OPS.join(', ')}` };
  if (!isName(v.name)) return { problem: `"name" must be a name (${NAME_RULE})` };
  const name = v.name.trim();
  switch (v.op as CorrectionOp) {
    case 'hide':
      return { correction: { op: 'hide', name } };
    case 'type':
      return TYPES.includes(v.type as EntityType)
        ? { correction: { op: 'type', name, type: v.type as EntityType } }
        : { problem: `"type" must be ${TYPES.slice(0, -1).join(', ')} or ${TYPES[TYPES.length - 1]}` };
    case 'rename':
      return isName(v.to) ? { correction: { op: 'rename', name, to: v.to.trim() } } : { problem: `"to" must be a name (${NAME_RULE})` };
    case 'merge':
      if (!isName(v.into)) return { problem: `"into" must be a name (${NAME_RULE})` };
      return normalizeName(v.into) !== normalizeName(name)
        ? { correction: { op: 'merge', name, into: v.into.trim() } }
        : { problem: 'an entity cannot be merged into itself' };
    case 'split':
      if (!isName(v.alias)) return { problem: `"alias" must be a name (${NAME_RULE})` };
      return normalizeName(v.alias) !== normalizeName(name)
        ? { correction: { op: 'split', name, alias: v.alias.trim() } }
        : { problem: 'an entity cannot be split from itself' };
  }
}

/** A one-line description, as `lede correct list` and the status line say it. */
export function describeCorrection(c: Correction): string {
  switch (c.op) {
    case 'hide':
      return `hide “${c.name}”`;
    case 'type':
      return `“${c.name}” is ${c.type === 'organization' ? 'an' : 'a'} ${c.type}`;
    case 'rename':
      return `rename “${c.name}” to “${c.to}”`;
    case 'merge':
      return `merge “${c.name}” into “${c.into}”`;
    case 'split':
      return `split “${c.alias}” off “${c.name}”`;
  }
}

/**
 * What the corrections say about one entity, found by its name (as the article has it, or as the
 * library shows it). Not by its other forms: "hide Brown" must not hide Gordon Brown, whose
 * article also says "Brown".
 */
export interface EntityVerdict {
  hidden: boolean;
  type?: EntityType;
  /** The name to show and key it by (a rename, or the entity it was merged into). */
  name?: string;
  /** Forms (normalised) that are entities of their own. */
  splits: ReadonlySet<string>;
}

/** Corrections compiled for lookups by normalised name: applied to every entity the library shows. */
export class CorrectionSet {
  private readonly byName = new Map<string, Correction[]>();

  constructor(readonly list: readonly Correction[]) {
    for (const c of list) {
      const key = normalizeName(c.name);
      const forName = this.byName.get(key) ?? [];
      forName.push(c);
      this.byName.set(key, forName);
    }
  }

  get size(): number {
    return this.list.length;
  }

  /**
   * A digest of the corrections as they apply: their order and fields, not how the file spells
   * them (spacing, key order). What a saved index under corrections was built under
   * (library-index-file.ts). Worked out each time: a set's list may be an array its maker changes.
   */
  get digest(): string {
    return createHash('sha256').update(JSON.stringify(this.list.map(fieldsOf))).digest('hex');
  }

  /** What applies to an entity known by these names; undefined when nothing does. */
  verdict(names: readonly string[]): EntityVerdict | undefined {
    if (this.byName.size === 0) return undefined;
    const found = new Set<Correction>();
    for (const name of names) for (const c of this.byName.get(normalizeName(name)) ?? []) found.add(c);
    if (found.size === 0) return undefined;
    return this.combine([...found]);
  }

  private combine(found: Correction[]): EntityVerdict {
    // In the order they were made, so a later one wins.
    found.sort((a, b) => this.list.indexOf(a) - this.list.indexOf(b));
    let hidden = false;
    let type: EntityType | undefined;
    let renamed: string | undefined;
    const splits = new Set<string>();
    for (const c of found) {
      switch (c.op) {
        case 'hide':
          hidden = true;
          break;
        case 'type':
          type = c.type;
          break;
        case 'rename':
          renamed = c.to;
          break;
        case 'merge':
          renamed = c.into;
          break;
        case 'split':
          splits.add(normalizeName(c.alias));
          break;
      }
    }
    return { hidden, ...(type ? { type } : {}), ...(renamed ? { name: renamed } : {}), splits };
  }
}

/** A correction's fields in one order, whatever order its JSON had them in. */
function fieldsOf(c: Correction): string[] {
  switch (c.op) {
    case 'hide':
      return [c.op, c.name];
    case 'type':
      return [c.op, c.name, c.type];
    case 'rename':
      return [c.op, c.name, c.to];
    case 'merge':
      return [c.op, c.name, c.into];
    case 'split':
      return [c.op, c.name, c.alias];
  }
}

export const NO_CORRECTIONS = new CorrectionSet([]);

/**
 * Whether adding `c` to `set` would change nothing: what the corrections say about its name (and,
 * for a split, about the form split off) is the same with it as without it. Asking "hide
 * Christmas" twice, or a type the name already has, is then no new correction.
 */
export function addsNothing(set: CorrectionSet, c: Correction): boolean {
  const names = c.op === 'split' ? [c.name, c.alias] : [c.name];
  const after = new CorrectionSet([...set.list, c]);
  return names.every((name) => sameVerdict(set.verdict([name]), after.verdict([name])));
}

function sameVerdict(a: EntityVerdict | undefined, b: EntityVerdict | undefined): boolean {
  if (!a || !b) return a === b;
  return a.hidden === b.hidden && a.type === b.type && a.name === b.name && a.splits.size === b.splits.size && [...a.splits].every((s) => b.splits.has(s));
}
