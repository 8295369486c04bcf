// The monkey: seeded random actions through the real reducer, with real search results and real
// entities, across every screen, checking the state's invariants after each action and the
// rendered frame every few actions, and the heap growth after a warm-up.
//
// Run by monkey.test.ts in a child process started with --expose-gc and NODE_ENV=production (as
// the built CLI runs): React's development build keeps tens of kilobytes per render for its
// debugging aids, which would swamp lede's own growth. By hand:
//   NODE_ENV=production node --expose-gc --import ./test/tools/ts-loader.mjs test/hardening/monkey-run.ts [seed] [actions]
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Library } from '../../source/core/article';
import { type Entity, type EntityExtractor, loadEntityExtractor } from '../../source/core/entities';
import type { LibraryEntityIndex } from '../../source/core/entities/library-index';
import { entitiesAsShown } from '../../source/core/entities/library-view';
import { libraryIndexOf } from '../helpers/entities';
import { lastTop } from '../../source/core/layout/paginate';
import { loadLibrary } from '../../source/core/load';
import { LibrarySearch } from '../../source/core/search';
import { bindings } from '../../source/keymap';
import { InputDecoder } from '../../source/terminal/input-decoder';
import { allKeySequences, randomTerminalInput } from '../helpers/terminal-input';
import { listedEntities } from '../../source/state/entity-lists';
import { articlesToRead, mentionCount } from '../../source/state/mentions-screen';
import { asCorrection, CorrectionSet } from '../../source/core/entities/corrections';
import { panelEntities, selectedEntity } from '../../source/state/panel';
import { listPageSize, readerLayout, visibleArticles } from '../../source/state/position';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import type { Viewport } from '../../source/state/geometry';
import { frameProblem, pick, prng, renderState, writeMonkeyCorpus } from './support';

const WARM_UP = 2_000;
/** A frame is rendered and checked every this many actions (and on most screen changes). */
const FRAME_EVERY = Number(process.env.LEDE_MONKEY_FRAME_EVERY ?? 80);

const KEY_NAMES = [...new Set(bindings.flatMap((b) => b.keys))];
const KEY_SEQUENCES = allKeySequences();
const EXTRA_KEYS = ['shift+tab', 'ctrl+a', 'ctrl+d', 'ctrl+z', 'backspace', 'delete', 'F1', 'meta+x'];
// Typed or pasted characters, hostile ones included: a prompt must never draw a control, C1 or bidi character.
const PRINTABLE = [...'abcdefghijklmnopqrstuvwxyzNS ', "'", '^', '$', '!', '|', '@', '"', '\\', 'é', 'ß', 'ẞ', '日', '😀', 'ש', 'ا', '\u0301', '\u009b', '\u202e', '\u2066', '\u001c', '\u007f', '\u0085'];
const WORDS = ['Netanyahu', 'shoigu', 'netanyhau', "'Syria", '^Dam', 'cus$', '!Israel', 'iran | syria', 'zzzz', '日本', 'x'];
const SIZES: Viewport[] = [
  { cols: 80, rows: 24 },
  { cols: 120, rows: 40 },
  { cols: 40, rows: 10 },
  { cols: 89, rows: 12 },
  { cols: 200, rows: 60 },
  { cols: 41, rows: 11 },
  { cols: 20, rows: 5 },
  { cols: 1, rows: 1 },
];

/** Every place a key can land; the run must visit each. */
export type Place =
  | 'list'
  | 'filter prompt'
  | 'reader'
  | 'reader search'
  | 'entity panel focus'
  | 'mentions'
  | 'library entities'
  | 'library mentions'
  | 'help'
  | 'skipped'
  | 'too small';

function placeOf(state: State): Place {
  if (state.viewport.cols < 40 || state.viewport.rows < 10) return 'too small';
  if (state.overlay === 'help') return 'help';
  if (state.overlay === 'skipped') return 'skipped';
  if (state.overlay === 'mentions') return 'mentions';
  if (state.prompt) return state.prompt.target === 'library' ? 'filter prompt' : 'reader search';
  if (state.screen.name === 'list') return 'list';
  if (state.screen.name === 'entities') return 'library entities';
  if (state.screen.name === 'entityMentions') return 'library mentions';
  return state.entities.panelOpen && state.entities.focus === 'panel' ? 'entity panel focus' : 'reader';
}

function spanInside(span: { start: number; end: number }, length: number, what: string): void {
  assert.ok(
    Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length,
    `${what} [${span.start}, ${span.end}) is not inside a text of ${length}`,
  );
}

/** Everything that must hold of the state after any action. */
function checkInvariants(state: State): void {
  const visible = visibleArticles(state);
  const { cursor, top } = state.list;
  assert.ok(cursor >= 0 && cursor < Math.max(1, visible.length), `list cursor ${cursor} outside ${visible.length} rows`);
  const page = listPageSize(state);
  assert.ok(top >= 0 && top <= cursor && cursor < top + page, `list cursor ${cursor} not on the page starting at ${top} (${page} rows)`);
  for (const hit of state.filter.result?.hits ?? []) {
    const article = state.library.articles[hit.index];
    assert.ok(article, `search hit ${hit.index} is not an article`);
    for (const m of hit.matches) spanInside(m, m.field === 'title' ? article.title.length : article.text.length, `${m.field} match`);
    for (const h of hit.snippet.highlights) spanInside(h, hit.snippet.text.length, 'snippet highlight');
  }

  const layout = readerLayout(state);
  if (state.screen.name === 'reader') {
    assert.ok(layout, `reader open on article ${state.screen.articleIndex}, which does not exist`);
    const { lines, pageHeight } = layout.geometry;
    const max = lastTop(lines.length, pageHeight);
    assert.ok(state.screen.top >= 0 && state.screen.top <= max, `reader top ${state.screen.top} outside [0, ${max}]`);
    const textLength = layout.article.text.length;
    for (const line of lines) spanInside(line, textLength, 'wrapped line');
    const find = state.find;
    if (find) {
      if (find.matches.length === 0) assert.equal(find.current, -1, 'find.current with no matches');
      else assert.ok(find.current >= 0 && find.current < find.matches.length, `find.current ${find.current} of ${find.matches.length}`);
      for (const m of find.matches) spanInside(m, textLength, 'find match');
    }
    const entities = panelEntities(state);
    const { selected, mention, mentionsCursor } = state.entities;
    assert.ok(selected >= 0 && selected < Math.max(1, entities.length), `entity selection ${selected} of ${entities.length}`);
    const entity = selectedEntity(state);
    const mentions = entity?.mentions.length ?? 0;
    assert.ok(mention >= -1 && mention < mentions, `mention ${mention} of ${mentions}`);
    // The mentions cursor is reset whenever the list opens; it only means something while it is open.
    if (state.overlay === 'mentions') {
      assert.ok(mentionsCursor >= 0 && mentionsCursor < mentions, `mentions cursor ${mentionsCursor} of ${mentions}`);
    }
    const titleLength = layout.article.title.length;
    for (const e of entities) {
      for (const m of e.mentions) spanInside(m, m.field === 'title' ? titleLength : textLength, `${m.field ?? 'text'} mention of ${e.name}`);
    }
  } else {
    assert.equal(state.find, null, 'an article search survives on the list');
  }
  if (state.screen.name === 'entities') {
    const listed = listedEntities(state).length;
    const { cursor } = state.entitiesScreen;
    assert.ok(cursor >= 0 && cursor < Math.max(1, listed), `entities cursor ${cursor} of ${listed}`);
  }
  if (state.screen.name === 'entityMentions') {
    assert.ok(state.mentionsScreen, 'the mentions screen has its state');
    const count = mentionCount(state);
    assert.ok(state.mentionsScreen.cursor >= 0 && state.mentionsScreen.cursor < Math.max(1, count), `mentions cursor ${state.mentionsScreen.cursor} of ${count}`);
  }
  if (state.overlay === 'mentions') assert.ok(selectedEntity(state), 'the mentions list is open with no entity selected');
  if (state.overlay === 'skipped') assert.ok(state.library.skipped.length > 0, 'the skipped list is open with nothing skipped');
}

interface World {
  /** Decodes the raw terminal input the monkey sends, as the app's input hook does. */
  decoder: InputDecoder;
  library: Library;
  search: LibrarySearch;
  extractor: EntityExtractor;
  byArticle: Map<string, Entity[]>;
  index: LibraryEntityIndex;
}

/** The monkey's next action, biased towards keys that mean something where it is. */
function nextAction(random: () => number, state: State, world: World, queue: string[], history: string[]): Action {
  const queued = queue.shift();
  if (queued !== undefined) return { type: 'key', name: queued };
  const r = random();
  // Async results arrive at random moments, sometimes late (for a query typed over since).
  if (r < 0.08 && state.filter.query !== state.filter.resultQuery) {
    const query = random() < 0.85 ? state.filter.query : pick(random, [...history, state.filter.resultQuery, 'netanyahu']);
    return { type: 'searchResult', query, result: world.search.search(query, { limit: 500 }) };
  }
  if (r < 0.16 && state.screen.name === 'reader' && state.entities.current?.articleIndex !== state.screen.articleIndex) {
    const articleIndex = random() < 0.9 ? state.screen.articleIndex : Math.floor(random() * world.library.articles.length);
    const article = world.library.articles[articleIndex]!;
    const raw = world.byArticle.get(article.id) ?? world.extractor.extract(article.text);
    return { type: 'entities', articleIndex, entities: entitiesAsShown(raw, world.index, article.id) };
  }
  if (r < 0.17 && !state.entities.library) return { type: 'libraryEntities', index: world.index, complete: random() < 0.8 };
  if (r < 0.172 && state.screen.name === 'entityMentions' && state.mentionsScreen) {
    // The mentions screen's reads come back (sometimes for another entity, or twice).
    const id = pick(random, [...articlesToRead(state), ...world.library.articles.map((a) => a.id)]);
    const article = world.library.articles.find((a) => a.id === id)!;
    const shown = entitiesAsShown(world.byArticle.get(id) ?? [], state.entities.library, id, state.entities.corrections);
    const key = random() < 0.9 ? state.mentionsScreen.key : 'person:nobody';
    return { type: 'entityMentions', key, articleId: article.id, mentions: shown.find((e) => e.id === key)?.mentions ?? [] };
  }
  if (r < 0.174) {
    // Corrections the user makes come back as the set in force.
    const names = world.index.entities.map((e) => e.name);
    const name = pick(random, names.length > 0 ? names : ['Nobody']);
    const correction = pick(random, [
      { op: 'hide', name },
      { op: 'type', name, type: pick(random, ['person', 'place', 'organization'] as const) },
      { op: 'rename', name, to: `${name} II` },
      { op: 'merge', name, into: pick(random, names.length > 0 ? names : ['Somebody']) },
      { op: 'split', name, alias: name.split(' ').at(-1) ?? name },
    ] as const);
    const list = random() < 0.2 ? [] : [...state.entities.corrections.list, correction];
    return { type: 'corrections', corrections: new CorrectionSet(list.flatMap((c) => (asCorrection(c) ? [asCorrection(c)!] : []))) };
  }
  if (r < 0.175) {
    const total = world.library.articles.length;
    return { type: 'indexProgress', done: Math.floor(random() * (total + 1)), total };
  }
  if (r < 0.19) {
    const viewport = random() < 0.7 ? pick(random, SIZES) : { cols: 1 + Math.floor(random() * 250), rows: 1 + Math.floor(random() * 80) };
    return { type: 'resize', viewport };
  }
  if (r < 0.21) {
    // A burst: a word typed (into whatever has the keys), often starting a search first.
    if (random() < 0.7) queue.push('/');
    queue.push(...Array.from(pick(random, WORDS)), ...(random() < 0.5 ? ['enter'] : []));
    return { type: 'key', name: queue.shift()! };
  }
  if (r < 0.26) {
    // What a terminal sends: keys with every modifier, pastes (some never ended), focus and mouse
    // reports, the sequences that crashed Ink 6.8, raw control bytes.
    const events = randomTerminalInput(random, KEY_SEQUENCES).flatMap((event) => world.decoder.push(event));
    if (random() < 0.1) events.push(...world.decoder.flush());
    return { type: 'input', events };
  }
  if (r < 0.28) {
    // Straight to the entity panel's less common corners.
    queue.push(
      ...pick(random, [
        ['enter'],
        ['tab', 'j', 'j', 'm'],
        ['e', ']'],
        ['}', '}'],
        ['m', 'G', 'enter'],
        ['s'],
        ['?'],
        ['esc', 'esc', 'e', 'j', 'enter', 'j', 'enter'],
        ['e', 't', 'tab', 'j', 'enter'],
        ['M', 'j', ']', 'enter', 'ctrl+o'],
        ['tab', 'H', 'U', 'T', 'R', 'x', 'enter'],
      ]),
    );
    return { type: 'key', name: queue.shift()! };
  }
  const typing = state.prompt !== null;
  const name =
    typing && random() < 0.6
      ? pick(random, PRINTABLE)
      : random() < 0.9
        ? pick(random, KEY_NAMES)
        : random() < 0.5
          ? pick(random, EXTRA_KEYS)
          : pick(random, PRINTABLE);
  return { type: 'key', name };
}

function describeAction(action: Action): string {
  switch (action.type) {
    case 'key':
      return `key ${JSON.stringify(action.name)}`;
    case 'input':
      return `input ${JSON.stringify(action.events).slice(0, 200)}`;
    case 'resize':
      return `resize ${action.viewport.cols}×${action.viewport.rows}`;
    case 'searchResult':
      return `searchResult ${JSON.stringify(action.query)} (${action.result.hits.length} hits)`;
    case 'entities':
      return `entities for article ${action.articleIndex} (${action.entities.length})`;
    default:
      return action.type;
  }
}

/** Whether an action holds a q or a Ctrl+C, the only keys that may quit (q not while typing). */
function quitsByKey(action: Action): boolean {
  const events = action.type === 'input' ? action.events : [action];
  return events.some((e) => (e.type === 'key' && ['q', 'ctrl+c'].includes(e.name)) || (e.type === 'text' && /[q\x03]/.test(e.text)));
}

export const PLACES: readonly Place[] = [
  'list',
  'filter prompt',
  'reader',
  'reader search',
  'entity panel focus',
  'mentions',
  'library entities',
  'library mentions',
  'help',
  'skipped',
  'too small',
];

async function makeWorld(corpus: string): Promise<World> {
  const library = await loadLibrary([corpus]);
  const extractor = await loadEntityExtractor();
  const byArticle = new Map(library.articles.map((a) => [a.id, extractor.extract(a.text)]));
  const index = libraryIndexOf(
    library.articles.map((a) => a.id),
    byArticle,
  );
  return { decoder: new InputDecoder(), library, search: new LibrarySearch(library.articles), extractor, byArticle, index };
}

export interface MonkeyReport {
  seed: number;
  actions: number;
  frames: number;
  articles: number;
  skipped: number;
  visits: Partial<Record<Place, number>>;
  /** Heap used after a full GC, minus the same after the warm-up, every 2,000 actions (bytes). */
  heapGrowth: number[];
  /** The first broken invariant, with the seed, step and the actions that led there. */
  failure?: string;
}

export async function runMonkey(seed: number, actions: number): Promise<MonkeyReport> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const corpus = writeMonkeyCorpus();
  try {
    const world = await makeWorld(corpus);
    const report: MonkeyReport = {
      seed,
      actions,
      frames: 0,
      articles: world.library.articles.length,
      skipped: world.library.skipped.length,
      visits: {},
      heapGrowth: [],
    };
    const random = prng(seed);
    let state = initialState(world.library, { cols: 80, rows: 24 });
    const queue: string[] = [];
    const queries: string[] = [];
    const recent: string[] = [];
    let lastPlace: Place | undefined;
    let baseline = 0;
    // A turn of the event loop first: V8 keeps every object a WeakRef points to alive until the
    // job that made it ends, and the monkey's loop is one job (Ink makes WeakRefs as it renders).
    const collect = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      gc?.();
      gc?.();
      return process.memoryUsage().heapUsed;
    };

    for (let step = 0; step < WARM_UP + actions; step++) {
      if (step === WARM_UP) baseline = await collect();
      const action = nextAction(random, state, world, queue, queries);
      recent.push(describeAction(action));
      if (recent.length > 12) recent.shift();
      const where = () => `seed ${seed}, step ${step}, ${placeOf(state)} at ${state.viewport.cols}×${state.viewport.rows}; last actions:\n  ${recent.join('\n  ')}`;
      try {
        state = reducer(state, action);
        if (state.exitStatus !== null) {
          assert.ok(quitsByKey(action), `quit by ${describeAction(action)}`);
          state = { ...state, exitStatus: null };
        }
        if (state.effects.length > 0) state = reducer(state, { type: 'effectsDone', effects: state.effects });
        if (state.filter.query && queries.at(-1) !== state.filter.query) {
          queries.push(state.filter.query);
          if (queries.length > 20) queries.shift();
        }
        // Keep the monkey from spending the run in a 1×1 terminal.
        if (placeOf(state) === 'too small' && random() < 0.2) state = reducer(state, { type: 'resize', viewport: pick(random, SIZES.slice(0, 6)) });
        checkInvariants(state);
        const place = placeOf(state);
        report.visits[place] = (report.visits[place] ?? 0) + 1;
        if (step % FRAME_EVERY === 0 || (place !== lastPlace && random() < 0.25 && FRAME_EVERY < 1e6)) {
          const frame = renderState(state);
          const problem = frameProblem(frame, state.viewport);
          assert.equal(problem, undefined, `${problem}\n${frame}`);
          report.frames++;
        }
        lastPlace = place;
      } catch (error) {
        report.failure = `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${where()}`;
        return report;
      }
      if (step >= WARM_UP && (step - WARM_UP) % 2_000 === 1_999) report.heapGrowth.push((await collect()) - baseline);
    }
    return report;
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seed = Number(process.argv[2] ?? 1);
  const actions = Number(process.argv[3] ?? 20_000);
  runMonkey(seed, actions).then(
    (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
