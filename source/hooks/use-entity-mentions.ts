import { type Dispatch, useEffect } from 'react';
import type { EntitySource } from '../core/entities/entity-source';
import { articlesToRead, articlePosition } from '../state/mentions-screen';
import type { Action, State } from '../state/types';

/**
 * Reads the mentions the library's mentions screen is about to show: the articles on screen (and
 * a page either side) whose mentions of the entity are not read yet, each through the entity
 * source (from the disk cache), one dispatch per article.
 */
export function useEntityMentions(source: EntitySource, state: State, dispatch: Dispatch<Action>): void {
  const view = state.mentionsScreen;
  const onScreen = state.screen.name === 'entityMentions' ? articlesToRead(state) : [];
  const wanted = onScreen.join('\0');
  const index = state.entities.library;
  const corrections = state.entities.corrections;
  const key = view?.key;
  const library = state.library;

  useEffect(() => {
    if (!key || !index || wanted === '') return;
    const controller = new AbortController();
    void (async () => {
      for (const id of wanted.split('\0')) {
        const position = articlePosition({ library }, id);
        const article = position === undefined ? undefined : library.articles[position];
        if (!article || controller.signal.aborted) continue;
        try {
          const entities = await source.entitiesOf(article, index, { corrections, signal: controller.signal });
          if (controller.signal.aborted) return;
          dispatch({ type: 'entityMentions', key, articleId: id, mentions: entities.find((e) => e.id === key)?.mentions ?? [] });
        } catch {
          if (controller.signal.aborted) return;
          dispatch({ type: 'entityMentions', key, articleId: id, mentions: [] });
        }
      }
    })();
    return () => controller.abort();
  }, [key, wanted, index, corrections, library, source, dispatch]);
}
