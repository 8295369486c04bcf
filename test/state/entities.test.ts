import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity, EntityType } from '../../source/core/entities';
import { entitiesAsShown } from '../../source/core/entities/library-view';
import { libraryIndexOf } from '../helpers/entities';
import { appearsWithSelected } from '../../source/state/entities-screen';
import { selectedEntity } from '../../source/state/panel';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

const moscow = makeArticle('Moscow', ['Benjamin Netanyahu met Vladimir Putin in Moscow to talk about Israel.', ...numberedParagraphs(12, 6), 'Netanyahu flew home.']);
const weather = makeArticle('Weather', ['Sunny, then rain.']);
// Israel in both: what ties this article's bare "Netanyahu" to the Benjamin Netanyahu of the other.
const golan = makeArticle('Golan', [...numberedParagraphs(12, 6), 'Netanyahu spoke about the Golan and Israel.']);
const library = makeLibrary([moscow, weather, golan]);

/** An entity with a mention at every occurrence of `forms` in `text`. */
function entity(text: string, name: string, type: EntityType, forms = [name]): Entity {
  const mentions = forms
    .flatMap((form) => [...text.matchAll(new RegExp(form, 'g'))].map((m) => ({ start: m.index!, end: m.index! + form.length, text: form })))
    .sort((a, b) => a.start - b.start)
    .filter((m, i, all) => i === 0 || m.start >= all[i - 1]!.end);
  return { id: `${type}:${name.toLowerCase()}`, name, type, aliases: forms.filter((f) => f !== name), mentions };
}

const entitiesOf = new Map<string, Entity[]>([
  [
    moscow.id,
    [
      entity(moscow.text, 'Benjamin Netanyahu', 'person', ['Benjamin Netanyahu', 'Netanyahu']),
      entity(moscow.text, 'Vladimir Putin', 'person'),
      entity(moscow.text, 'Moscow', 'place'),
      entity(moscow.text, 'Israel', 'place'),
    ],
  ],
  [weather.id, []],
  [golan.id, [entity(golan.text, 'Golan', 'place'), entity(golan.text, 'Netanyahu', 'person'), entity(golan.text, 'Israel', 'place')]],
]);
const index = libraryIndexOf(
  library.articles.map((a) => a.id),
  entitiesOf,
);
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));
/** An article's entities arriving as the app hands them over: as the library shows them. */
const receive = (state: State, articleIndex: number): State => {
  const id = library.articles[articleIndex]!.id;
  return run(state, { type: 'entities', articleIndex, entities: entitiesAsShown(entitiesOf.get(id)!, state.entities.library, id) });
};
const articleOf = (state: State) => (state.screen.name === 'reader' ? state.screen.articleIndex : -1);

test('}: opens the next article naming the entity, and selects it at its first mention once its entities arrive', () => {
  const reading = run(receive(keys(initialState(library, { cols: 80, rows: 24 }), 'enter'), 0), { type: 'libraryEntities', index, complete: true });
  assert.equal(selectedEntity(reading)?.name, 'Benjamin Netanyahu');
  const jumped = keys(reading, '}');
  assert.equal(articleOf(jumped), 2, 'skipped the article that does not name him');
  // The index holds no entities: the next article's arrive later, from the entities hook.
  assert.equal(jumped.entities.current, null);
  assert.equal(jumped.entities.whenLoaded?.key, 'person:benjamin netanyahu');
  const arrived = receive(jumped, 2);
  assert.equal(arrived.entities.whenLoaded, null);
  assert.equal(selectedEntity(arrived)?.name, 'Benjamin Netanyahu', 'the bare "Netanyahu" of this article, as the library knows him');
  assert.equal(arrived.entities.mention, 0);
  assert.ok(arrived.screen.name === 'reader' && arrived.screen.top > 0, 'turned to the page of the first mention');
  // { goes back, the same way.
  const back = receive(keys(arrived, '{'), 0);
  assert.equal(articleOf(back), 0);
  assert.equal(selectedEntity(back)?.name, 'Benjamin Netanyahu');
});

test('}: pressed again before the entities arrive, follows the same entity on; opening from the list forgets it', () => {
  const reading = run(receive(keys(initialState(library, { cols: 80, rows: 24 }), 'enter'), 0), { type: 'libraryEntities', index, complete: true });
  const twice = keys(reading, '}', '}');
  assert.equal(articleOf(twice), 0, 'on to the next article naming him, wrapping around');
  assert.equal(twice.entities.whenLoaded?.key, 'person:benjamin netanyahu');
  // Esc goes back along the jumps (as Ctrl+O does), then to the list.
  const back = keys(twice, 'esc');
  assert.equal(articleOf(back), 2, 'back to the article of the first jump');
  assert.equal(articleOf(keys(back, 'esc')), 0, 'and to where it started');
  const fromList = keys(back, 'esc', 'esc', 'j', 'enter');
  assert.equal(articleOf(fromList), 1);
  assert.equal(fromList.entities.whenLoaded, null);
});

test('}: before the library pass has finished, or with nothing selected, a notice says why nothing happened', () => {
  const reading = receive(keys(initialState(library, { cols: 80, rows: 24 }), 'enter'), 0);
  const early = keys(reading, '}');
  assert.equal(articleOf(early), 0);
  assert.match(early.entities.library === null ? (early.notice?.text ?? '') : '', /still being found/);
  const noEntities = keys(run(keys(initialState(library, { cols: 80, rows: 24 }), 'j', 'enter'), { type: 'libraryEntities', index, complete: true }), '}');
  assert.match(noEntities.notice?.text ?? '', /no entity selected/);
  assert.equal(keys(noEntities, 'j').notice, null, 'the next key clears the notice');
});

test('}: from the panel’s focus, the next article opens with its page focused (the focus does not carry over)', () => {
  const reading = run(receive(keys(initialState(library, { cols: 80, rows: 24 }), 'enter'), 0), { type: 'libraryEntities', index, complete: true });
  const focused = keys(reading, 'tab');
  assert.equal(focused.entities.focus, 'panel');
  const jumped = receive(keys(focused, '}'), 2);
  assert.equal(articleOf(jumped), 2);
  assert.equal(jumped.entities.focus, 'page', 'j scrolls the new page, not the panel');
  assert.equal(jumped.entities.panelOpen, true, 'the panel stays open');
  assert.equal(selectedEntity(jumped)?.name, 'Benjamin Netanyahu');
});

test('y on a mention across the library copies its context line with the source of its article', () => {
  const reading = run(receive(keys(initialState(library, { cols: 80, rows: 24 }), 'enter'), 0), { type: 'libraryEntities', index, complete: true });
  const screen = keys(reading, 'M');
  assert.equal(screen.screen.name, 'entityMentions');
  const key = screen.mentionsScreen!.key;
  const withMentions = run(
    screen,
    ...[moscow, golan].map((article) => ({ type: 'entityMentions' as const, key, articleId: article.id, mentions: entitiesOf.get(article.id)!.find((e) => e.type === 'person' && e.name.endsWith('Netanyahu'))!.mentions })),
  );
  const copied = keys(withMentions, 'y').effects.flatMap((e) => (e.type === 'copy' ? [e.text] : []));
  assert.equal(copied.length, 1, JSON.stringify(keys(withMentions, 'y').notice));
  assert.match(copied[0]!, /Netanyahu/);
  assert.match(copied[0]!, /\n\n— (Moscow|Golan)\n(moscow|golan)\.txt\n$/);
});

test("the library's entities arriving keep the entities screen's 'appears with' cursor in range, and leave it at 0 as it was", () => {
  const start = initialState(library, { cols: 80, rows: 24 });
  const far = run({ ...start, entitiesScreen: { ...start.entitiesScreen, withCursor: 50 } }, { type: 'libraryEntities', index, complete: true });
  assert.ok(appearsWithSelected(far).length > 0, 'the selected entity appears with others');
  assert.ok(far.entitiesScreen.withCursor < appearsWithSelected(far).length, `clamped into them (${far.entitiesScreen.withCursor})`);
  const atStart = run(start, { type: 'libraryEntities', index, complete: true });
  assert.equal(atStart.entitiesScreen.withCursor, 0);
  assert.deepEqual(atStart.entitiesScreen, start.entitiesScreen);
});
