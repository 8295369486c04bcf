// The library entity index is built without keeping an object per entity per article between its
// steps (forms worked out once per signature, the findings read again at each step, postings
// merged as each article is resolved): at 100,000 articles that held its peak at ~1 GB rather
// than 1.25+. It must be the very index the build before it gave. `referenceIndex` below is that
// build's way, kept here as the oracle: every article's corrected entries, own keys and resolved
// entities held in maps, from the same rules (identity.ts), then counted into postings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Correction, CorrectionSet, NO_CORRECTIONS } from '../../../source/core/entities/corrections';
import { EvidenceCollector } from '../../../source/core/entities/evidence';
import { type Corrected, correct, libraryKey, libraryType, linkBareNames, ownKey, resolveCorrected, TypeVote } from '../../../source/core/entities/identity';
import { type EntitySummary, indexFindings, type LibraryEntityIndex, LibraryIndexBuilder } from '../../../source/core/entities/library-index';
import type { EntityType } from '../../../source/core/entities/types';

const NAMES: [string, EntityType][] = [
  ['Gordon Brown', 'person'], ['Brown', 'person'], ['Wes Brown', 'person'], ['Brown', 'place'], ['Manchester United', 'organization'],
  ['London', 'place'], ['Vladimir Putin', 'person'], ['Putin', 'person'], ['Putin', 'place'], ['Moscow', 'place'], ['Labour', 'organization'],
  ['Golan Heights', 'place'], ['Golan', 'place'], ['John Smith Jr', 'person'], ['Smith', 'organization'],
];
const ALIASES = ['Brown', 'Putin', 'V. Putin', 'Golan', 'Man Utd', 'Smith'];

const summary = fc.record({
  entity: fc.constantFrom(...NAMES),
  aliases: fc.uniqueArray(fc.constantFrom(...ALIASES), { maxLength: 2 }),
  mentions: fc.integer({ min: 1, max: 40 }),
  inTitle: fc.boolean(),
}).map(({ entity: [name, type], aliases, mentions, inTitle }): EntitySummary => ({ name, type, aliases: aliases.filter((a) => a !== name), mentions, inTitle }));
const article = fc.uniqueArray(summary, { maxLength: 7, selector: (s) => `${s.type}:${s.name}` });
const library = fc.array(article, { minLength: 1, maxLength: 40 });
const names = fc.constantFrom(...new Set([...NAMES.map(([n]) => n), ...ALIASES]));
const correction: fc.Arbitrary<Correction> = fc.oneof(
  fc.record({ op: fc.constant('hide' as const), name: names }),
  fc.record({ op: fc.constant('type' as const), name: names, type: fc.constantFrom<EntityType>('person', 'place', 'organization') }),
  fc.record({ op: fc.constant('rename' as const), name: names, to: fc.constantFrom('The Kremlin', 'Mr Brown', 'Golan') }),
  fc.record({ op: fc.constant('merge' as const), name: names, into: names }),
  fc.record({ op: fc.constant('split' as const), name: names, alias: fc.constantFrom(...ALIASES) }),
);

interface Entry {
  corrected: Corrected;
  renamed: boolean;
  mentions: number;
  inTitle: boolean;
  hidden: boolean;
}

/** The index the build before this one made: entities, postings, names by article and identity as plain data. */
function referenceIndex(order: string[], byId: ReadonlyMap<string, readonly EntitySummary[]>, corrections: CorrectionSet) {
  const entries = new Map<string, Entry[]>();
  const evidence = new EvidenceCollector();
  const votes = new TypeVote();
  for (const id of order) {
    const list: Entry[] = [];
    for (const s of byId.get(id) ?? []) {
      const result = correct(corrections, s);
      if (!result) {
        list.push({ corrected: { name: s.name, type: s.type, fixedType: false, aliases: s.aliases }, renamed: false, mentions: s.mentions, inTitle: s.inTitle, hidden: true });
        continue;
      }
      list.push({ corrected: result.entity, renamed: result.entity.name !== s.name, mentions: s.mentions, inTitle: s.inTitle, hidden: false });
      for (const split of result.split) list.push({ corrected: split, renamed: false, mentions: 1, inTitle: false, hidden: false });
    }
    entries.set(id, list);
    evidence.add(list.map((e) => e.corrected));
    for (const e of list) votes.add(e.corrected.name, e.corrected.type, e.mentions, e.corrected.fixedType);
  }
  const typed = { corrections, evidence: evidence.finish(), typeByName: votes.finish() };
  const ownKeys = new Map([...entries].map(([id, list]) => [id, list.map((e) => ownKey(e.corrected.name, libraryType(typed, e.corrected)))]));
  const keyed = { ...typed, links: linkBareNames(ownKeys) };
  const nameVotes = new Map<string, Map<string, number>>();
  for (const [id, list] of entries) {
    for (const e of list) {
      const key = libraryKey(keyed, id, e.corrected);
      const forKey = nameVotes.get(key) ?? new Map<string, number>();
      nameVotes.set(key, forKey.set(e.corrected.name, (forKey.get(e.corrected.name) ?? 0) + 1));
    }
  }
  const best = (v: Map<string, number>) =>
    [...v].sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0];
  const identity = { ...keyed, names: new Map([...nameVotes].map(([key, v]) => [key, best(v)])) };
  // Every entity as shown, then counted per key and per article.
  const byKey = new Map<string, { key: string; name: string; types: Map<EntityType, number>; forms: Set<string>; docs: number[]; counts: number[]; titles: number[] }>();
  const namesByArticle: [string, string[]][] = [];
  for (const [doc, id] of order.entries()) {
    const here = new Map<string, { mentions: number; inTitle: boolean }>();
    const terms = new Set<string>();
    for (const e of entries.get(id) ?? []) {
      if (e.hidden) continue;
      const r = resolveCorrected(identity, id, e.corrected, e.renamed);
      if (r.hidden) continue;
      let entity = byKey.get(r.key);
      if (!entity) byKey.set(r.key, (entity = { key: r.key, name: identity.names.get(r.key) ?? r.name, types: new Map(), forms: new Set(), docs: [], counts: [], titles: [] }));
      entity.types.set(r.type, (entity.types.get(r.type) ?? 0) + e.mentions);
      for (const form of [r.name, ...e.corrected.aliases]) entity.forms.add(form);
      const seen = here.get(r.key) ?? { mentions: 0, inTitle: false };
      here.set(r.key, { mentions: seen.mentions + e.mentions, inTitle: seen.inTitle || e.inTitle });
      terms.add(r.name);
      for (const alias of e.corrected.aliases) terms.add(alias);
    }
    for (const [key, seen] of here) {
      const entity = byKey.get(key)!;
      entity.docs.push(doc);
      entity.counts.push(seen.mentions);
      entity.titles.push(seen.inTitle ? 1 : 0);
    }
    if (terms.size > 0) namesByArticle.push([id, [...terms]]);
  }
  const entities = [...byKey.values()]
    .map((e) => ({
      entity: {
        key: e.key,
        name: e.name,
        type: [...e.types].sort((a, b) => b[1] - a[1])[0]![0],
        aliases: [...e.forms].filter((a) => a !== e.name),
        articles: e.docs.length,
        mentions: e.counts.reduce((a, b) => a + b, 0),
      },
      postings: { docs: e.docs, counts: e.counts, titles: e.titles },
    }))
    .sort((a, b) => b.entity.articles - a.entity.articles || b.entity.mentions - a.entity.mentions || a.entity.name.localeCompare(b.entity.name));
  return {
    entities: entities.map((e) => e.entity),
    postings: entities.map((e) => e.postings),
    namesByArticle,
    links: [...identity.links].map(([id, m]) => [id, [...m]]),
    names: [...identity.names],
    typeByName: [...identity.typeByName],
    surnames: [...identity.evidence.surnames],
  };
}

/** The same view of a built index. */
function plainIndex(index: LibraryEntityIndex) {
  const { docStart, docs, mentions, inTitle } = index.postings;
  return {
    entities: index.entities,
    postings: index.entities.map((_, p) => ({
      docs: [...docs.subarray(docStart[p], docStart[p + 1])],
      counts: [...mentions.subarray(docStart[p], docStart[p + 1])],
      titles: [...inTitle.subarray(docStart[p], docStart[p + 1])],
    })),
    namesByArticle: [...index.namesByArticle].map(([id, terms]) => [id, [...terms]]),
    links: [...index.identity.links].map(([id, m]) => [id, [...m]]),
    names: [...index.identity.names],
    typeByName: [...index.identity.typeByName],
    surnames: [...index.identity.evidence.surnames],
  };
}

test('the index built step by step is the index the per-entry build made, under any corrections', () => {
  fc.assert(
    fc.property(library, fc.array(correction, { maxLength: 4 }), (lists, given) => {
      const order = lists.map((_, i) => `a${i}`);
      const byId = new Map(order.map((id, i) => [id, lists[i]!]));
      const builder = new LibraryIndexBuilder(null);
      // Added out of order, as a pass's batches may come; built in library order.
      for (const id of [...order].reverse()) builder.add(id, byId.get(id)!);
      const corrections = new CorrectionSet(given);
      assert.deepEqual(plainIndex(builder.finish(order)), referenceIndex(order, byId, NO_CORRECTIONS));
      assert.deepEqual(plainIndex(builder.finish(order, corrections)), referenceIndex(order, byId, corrections));
    }),
    { numRuns: 150 },
  );
});

test('the findings an index saves are each article’s summaries, made when asked for', () => {
  fc.assert(
    fc.property(library, (lists) => {
      const order = lists.map((_, i) => `a${i}`);
      const builder = new LibraryIndexBuilder(null);
      order.forEach((id, i) => builder.add(id, lists[i]!));
      const saved = indexFindings(builder.finish(order))!;
      assert.equal(saved.size, order.length);
      order.forEach((id, i) => assert.deepEqual(saved.get(id)?.map((s) => ({ ...s, aliases: [...s.aliases] })), lists[i]));
      assert.equal(saved.get('not an article'), undefined);
    }),
  );
});
