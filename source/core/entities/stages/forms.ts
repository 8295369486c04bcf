/**
 * Stage 2 of resolveEntities, "collect forms": each distinct normalised name the spans have, its
 * surface spellings and the tagger's type votes for it.
 */
import { normalizeName } from '../normalize.js';
import type { EntityType } from '../types.js';
import { surfaceOf, TYPE_OF, type ResolveContext, type TaggedSpan } from './context.js';

export interface FormInfo {
  key: string;
  surfaces: Set<string>;
  votes: Map<EntityType, number>;
  words: string[];
}

export class Forms {
  readonly byKey = new Map<string, FormInfo>();

  /** The form of a surface, created on first sight. */
  of(surface: string): FormInfo {
    const key = normalizeName(surface);
    let f = this.byKey.get(key);
    if (!f) {
      f = { key, surfaces: new Set(), votes: new Map(), words: key.split(' ') };
      this.byKey.set(key, f);
    }
    f.surfaces.add(surface);
    return f;
  }

  has(surface: string): boolean {
    return this.byKey.has(normalizeName(surface));
  }

  values(): IterableIterator<FormInfo> {
    return this.byKey.values();
  }
}

const NATIONALITY = /^\p{Lu}\p{Ll}+(?:an|ian|ean|ese|ish|i|ic)$/u;

/**
 * The forms of `spans` (spanForm[i] is spans[i]'s), each span voting for its type. A MISC blocker
 * "Iranian Al Quds" whose words after the nationality are a form ("Al Quds") is cut to block only
 * the nationality.
 */
export function collectForms(ctx: ResolveContext, spans: TaggedSpan[], blockers: TaggedSpan[]): { forms: Forms; spanForm: FormInfo[] } {
  const forms = new Forms();
  const spanForm = spans.map((span) => {
    const f = forms.of(surfaceOf(ctx, span));
    const t = TYPE_OF[span.type]!;
    f.votes.set(t, (f.votes.get(t) ?? 0) + 1);
    return f;
  });
  for (const b of blockers) {
    if (b.end - b.start > 1 && NATIONALITY.test(ctx.tokens[b.start]!.text) && forms.has(surfaceOf(ctx, { start: b.start + 1, end: b.end }))) b.end = b.start + 1;
  }
  return { forms, spanForm };
}
