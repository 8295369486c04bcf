// Properties of the query language with @name terms: any query written by the syntax table
// (syntax.ts) reads back as the terms it was written from, and negation and OR compose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fold, parseQuery, type QueryTerm, type TermKind } from '../../../source/core/search/index.js';

interface Spec {
  kind: TermKind;
  /** Words, one space apart (one word for a fuzzy term). */
  text: string;
  negated: boolean;
  /** How an entity name is written: which of the documented forms. */
  form: number;
}

const word = fc.stringMatching(/^[a-zé][a-z0-9ğé]{0,6}$/);
const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const kinds: TermKind[] = ['fuzzy', 'exact', 'boundary', 'prefix', 'suffix', 'equal', 'entity'];

const spec: fc.Arbitrary<Spec> = fc
  .record({ kind: fc.constantFrom(...kinds), one: word, many: words, negated: fc.boolean(), form: fc.nat(2) })
  .map(({ kind, one, many, negated, form }) => ({ kind, text: kind === 'fuzzy' ? one : many, negated, form }));

/** A term as the syntax table says to write it. */
function write(t: Spec): string {
  const bang = t.negated ? '!' : '';
  const escaped = t.text.replace(/ /g, '\\ ');
  switch (t.kind) {
    case 'fuzzy':
      return t.negated ? `!'${t.text}` : t.text;
    case 'exact':
      return t.negated ? `!${escaped}` : `'${escaped}`;
    case 'boundary':
      // Both documented forms: 'escaped\ words' and "a phrase".
      return t.form === 0 ? `${bang}"${t.text}"` : `${bang}'${escaped}'`;
    case 'prefix':
      return `${bang}^${escaped}`;
    case 'suffix':
      return `${bang}${escaped}$`;
    case 'equal':
      return `${bang}^${escaped}$`;
    case 'entity': {
      const forms = [`@"${t.text}"`, `@${t.text.replace(/ /g, '_')}`, `@${escaped}`];
      return bang + forms[t.form]!;
    }
  }
}

const expected = (t: Spec): QueryTerm => ({ kind: t.kind, text: t.text, folded: fold(t.text), negated: t.negated });
const queryOf = (groups: Spec[][], gap: string) => groups.map((g) => g.map(write).join(`${gap}|${gap}`)).join(gap);

describe('query properties', () => {
  it('a query written from terms, @names among them, reads back as those terms', () => {
    fc.assert(
      fc.property(fc.array(fc.array(spec, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '  ', '\t'), (groups, gap) => {
        assert.deepEqual(parseQuery(queryOf(groups, gap)).groups, groups.map((g) => g.map(expected)));
      }),
      { numRuns: 500 },
    );
  });

  it('an unclosed @" at the end of a query reads to its end', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 3 }), words, (before, name) => {
        const query = [...before.map(write), `@"${name}`].join(' ');
        const groups = parseQuery(query).groups;
        assert.deepEqual(groups.at(-1), [{ kind: 'entity', text: name, folded: fold(name), negated: false }]);
        assert.equal(groups.length, before.length + 1);
      }),
    );
  });

  it('! before an @name negates exactly that term; | joins it to its neighbours; a space starts a new group', () => {
    const entity = spec.map((t) => ({ ...t, kind: 'entity' as const, negated: false }));
    fc.assert(
      fc.property(entity, fc.array(spec, { minLength: 1, maxLength: 3 }), fc.array(spec, { minLength: 1, maxLength: 3 }), (name, left, right) => {
        const [[plain]] = parseQuery(write(name)).groups as [[QueryTerm]];
        assert.deepEqual(parseQuery(`!${write(name)}`).groups, [[{ ...plain, negated: true }]]);
        const a = left.map(write).join(' ');
        const b = right.map(write).join(' ');
        const or = parseQuery(`${a} | ${write(name)} | ${b}`).groups;
        const [leftGroups, rightGroups] = [parseQuery(a).groups, parseQuery(b).groups];
        // The bar joins the last group on its left, the @name and the first group on its right.
        assert.deepEqual(or, [...leftGroups.slice(0, -1), [...leftGroups.at(-1)!, plain, ...rightGroups[0]!], ...rightGroups.slice(1)]);
        assert.deepEqual(parseQuery(`${a} ${write(name)} ${b}`).groups, [...leftGroups, [plain], ...rightGroups]);
      }),
      { numRuns: 300 },
    );
  });
});
