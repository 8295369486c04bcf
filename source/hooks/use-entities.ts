import { type Dispatch, useEffect, useRef } from 'react';
import type { Article } from '../core/article';
import { type Entity, loadEntityExtractor } from '../core/entities';
import type { CorrectionSet } from '../core/entities/corrections';
import type { EntitySource, LibraryPass } from '../core/entities/entity-source';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import { entityNamesInSlices } from '../core/entities/name-search';
import type { Action, State } from '../state/types';
import { throttleProgress } from './throttle-progress';
import { libraryCacheOf } from '../core/load/library-cache';

/**
 * Library-wide extraction waits this long after mounting, so the first frame is written (Ink
 * throttles renders) before any NLP code is loaded or run.
 */
export const ENTITY_START_DELAY_MS = 250;

/**
 * Work between two turns of the event loop while what the screens need of a finished pass's index
 * is built (the name index of its entities: a quarter of a second at 20,000 articles; a warm start
 * loads it with the saved index, library-index-file.ts, and has nothing to build).
 */
const PREPARE_SLICE_MS = 8;

/** How often the library's entities screen takes what the pass has found so far, while it runs. */
const SNAPSHOT_EVERY_MS = 1500;

/**
 * Feeds the entity panel and the library's entities, and only schedules: the work is the entity
 * source's (core/entities/entity-source.ts). Nothing NLP loads before the first frame; the library
 * pass starts after it, and the article on screen gets its entities as soon as it is open, again
 * once the pass has finished (with what the whole library knows) and when the user corrects one.
 */
export function useEntities(articles: readonly Article[], source: EntitySource, state: State, dispatch: Dispatch<Action>): void {
  const libraryIndex = state.entities.library;
  const corrections = state.entities.corrections;
  const openIndex = state.screen.name === 'reader' ? state.screen.articleIndex : -1;
  const current = state.entities.current;
  const haveCurrent = current?.articleIndex === openIndex;
  const pass = useRef<LibraryPass | null>(null);
  /** Starts the library pass before its delay is up (a cached library, its search index ready); null once started or gone. */
  const startEarly = useRef<(() => void) | null>(null);
  // The corrections in force when the pass ends (the index is prepared under them).
  const correctionsNow = useRef(corrections);
  correctionsNow.current = corrections;

  useEffect(() => {
    if (articles.length === 0) return;
    let ended = false;
    // Loading the tagger here too (not only in a worker) saves its load time when an article is
    // opened before the library pass has reached it; once the pass is known to extract (a
    // progress short of the whole library) or is over. Not before: a warm start's saved index
    // needs no tagger, and loading it (~60 ms of this thread at 20,000 articles) held that load up.
    let preloaded = false;
    const preload = () => {
      if (preloaded || ended) return;
      preloaded = true;
      void loadEntityExtractor().catch(() => {});
    };
    const progress = throttleProgress((done: number, total: number) => dispatch({ type: 'entityProgress', done, total }));
    let started = false;
    const begin = () => {
      if (started || ended) return;
      started = true;
      clearTimeout(timer);
      pass.current = source.runLibraryPass({
        onProgress: (done, total) => {
          if (done < total) preload();
          progress(done, total);
        },
        onDone: (index) => {
          pass.current = null;
          // What the list's `@name`, the library screen and its filter build on the index's
          // arrival, built first in slices: the pass is over when they are ready, and the first
          // key after it (`e`, a filter) only draws.
          void (async () => {
            // Under the user's corrections (the worker's pass knows none): at 20,000 articles a
            // rebuild is seconds, so in slices too.
            const shown = await index.withCorrectionsInSlices(correctionsNow.current, PREPARE_SLICE_MS);
            await entityNamesInSlices(shown, PREPARE_SLICE_MS);
            if (!ended) dispatch({ type: 'libraryEntities', index: shown, complete: true });
            preload();
          })();
        },
      });
    };
    const timer = setTimeout(begin, ENTITY_START_DELAY_MS);
    // A library from the library cache may have its entity index saved beside it (a warm start:
    // loaded, no tagger), and its search index restored in a moment: the pass then starts as soon
    // as the search index is ready, not at the delay (at 20,000 articles a quarter of a second in
    // which nothing ran), and after it, so the list's search is never held up by it.
    startEarly.current = libraryCacheOf(articles) ? begin : null;
    return () => {
      ended = true;
      startEarly.current = null;
      clearTimeout(timer);
      pass.current?.cancel();
      pass.current = null;
    };
  }, [articles, source, dispatch]);

  const searchReady = state.indexing.done >= state.indexing.total;
  useEffect(() => {
    if (searchReady) startEarly.current?.();
  }, [searchReady]);

  // While the library's entities are on screen and the pass runs: what it has found so far.
  const onEntitiesScreen = state.screen.name === 'entities' && !state.entities.libraryComplete;
  useEffect(() => {
    if (!onEntitiesScreen) return;
    const take = () => {
      if (pass.current) dispatch({ type: 'libraryEntities', index: pass.current.snapshot(), complete: false });
    };
    take();
    const timer = setInterval(take, SNAPSHOT_EVERY_MS);
    return () => clearInterval(timer);
  }, [onEntitiesScreen, dispatch]);

  // The entities last handed to the panel, and what they were prepared with.
  const shown = useRef<{ entities: Entity[]; library: LibraryEntityIndex | null; corrections: CorrectionSet } | null>(null);

  useEffect(() => {
    const article = articles[openIndex];
    if (!article) return;
    const last = shown.current;
    const sameCorrections = last?.corrections === corrections;
    const upToDate = haveCurrent && last?.entities === current?.entities && last.library === libraryIndex && sameCorrections;
    // Before the library pass has finished, the article's own extraction is as good as it gets.
    if (upToDate || (haveCurrent && !libraryIndex && sameCorrections)) return;
    const controller = new AbortController();
    const onProgress = (done: number, total: number) => dispatch({ type: 'articleEntityProgress', articleIndex: openIndex, done, total });
    source.entitiesOf(article, libraryIndex, { corrections, signal: controller.signal, onProgress }).then(
      (entities) => {
        if (controller.signal.aborted) return;
        shown.current = { entities, library: libraryIndex, corrections };
        dispatch({ type: 'entities', articleIndex: openIndex, entities });
      },
      (error: unknown) => {
        // Aborted (the article was left), or its worker failed (past its heap cap, say): nothing
        // to show, and why, rather than extracting a long article here, holding up every key.
        if (controller.signal.aborted) return;
        dispatch({ type: 'entities', articleIndex: openIndex, entities: [] });
        const why = error instanceof Error ? error.message : String(error);
        dispatch({ type: 'notice', notice: { kind: 'error', text: `entities: this article could not be read (${why})` } });
      },
    );
    return () => controller.abort();
  }, [openIndex, haveCurrent, current, libraryIndex, corrections, articles, source, dispatch]);
}
