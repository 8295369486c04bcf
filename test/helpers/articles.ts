import { type Article, countWords, type Library } from '../../source/core/article';

/** An article as the loader would produce it, built directly so view tests need no files. */
export function makeArticle(title: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  const text = paragraphs.join('\n\n');
  const id = extra.path ?? `${title.toLowerCase().replace(/\W+/g, '-')}.txt`;
  return { id, path: id, format: 'txt', title, text, words: countWords(text), notes: [], ...extra };
}

export function makeLibrary(articles: Article[], extra: Partial<Library> = {}): Library {
  return { label: 'test/', articles, skipped: [], ...extra };
}

/** Deterministic prose of `count` numbered sentences, so a test can tell which page it is on. */
export function numberedParagraphs(paragraphs: number, sentencesEach: number): string[] {
  return Array.from({ length: paragraphs }, (_, p) =>
    Array.from({ length: sentencesEach }, (_, s) => `Sentence p${p + 1}s${s + 1} of the story goes on.`).join(' '),
  );
}
