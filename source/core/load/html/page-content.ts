import type { ArticleMeta } from '../../article.js';

/** What the page reader finds in a saved web page, before the rules every article follows. */
export interface PageContent extends ArticleMeta {
  title?: string;
  /** Raw paragraphs (the article builder sanitises them). */
  paragraphs: string[];
  /** Set when no article was found and the page's whole text was taken. */
  wholePage?: boolean;
}
