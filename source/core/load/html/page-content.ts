import type { ArticleMeta } from '../../article.js';

/** What the page reader finds in a saved web page, before the rules every article follows. */
export interface PageContent extends ArticleMeta {
  title?: string;
  /** Raw paragraphs (the article builder sanitises them). */
  paragraphs: string[];
  /** Why the page's whole text was taken rather than an article, when it was. */
  wholePage?: string;
}
