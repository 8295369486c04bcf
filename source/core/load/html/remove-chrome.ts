import type { PageElement } from './page-dom.js';

/**
 * Removes a page's chrome before the reader view looks for the article: navigation, cookie and
 * consent banners, share bars, newsletter boxes, related links, comments, footers, forms and
 * embedded frames. Readability scores these down but keeps some when they sit inside the
 * article's container (a newsletter box at the end of the story, a share bar under the headline).
 *
 * An element is chrome by its tag (`nav`, `aside`, `footer`, `form`, …), its ARIA role
 * (navigation, banner, dialog, …) or a word of its class or id (`cookie-banner`, `shareBar`,
 * `related_links`: words split at `-`, `_` and camel case). Never removed: the article itself —
 * an `article`, `main`, `h1` or `[itemprop=articleBody]` element, or anything that holds one —
 * so a page wrapped whole in a `<form>` keeps its story.
 * One walk over the elements, without recursion (a page may nest 100,000 deep).
 */
export function removeChrome(body: PageElement): void {
  const guarded = articleAndItsAncestors(body);
  let node = body.firstElementChild;
  while (node) {
    if (!guarded.has(node) && isChrome(node)) {
      const next = nextOutside(node, body);
      node.remove();
      node = next;
    } else {
      node = node.firstElementChild ?? nextOutside(node, body);
    }
  }
}

const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'HEADER', 'FORM', 'BUTTON', 'DIALOG', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'SELECT', 'TEXTAREA', 'INPUT', 'MENU']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search', 'menu', 'menubar', 'toolbar']);
const CHROME_WORDS = new Set([
  'cookie', 'cookies', 'consent', 'gdpr', 'newsletter', 'subscribe', 'subscription', 'signup', 'share', 'sharing',
  'social', 'related', 'recommended', 'promo', 'advert', 'advertisement', 'ad', 'ads', 'paywall', 'popup', 'modal',
  'breadcrumb', 'breadcrumbs', 'comment', 'comments', 'sidebar', 'widget', 'masthead', 'menu', 'toolbar', 'banner',
]);
const LANDMARKS = 'article, main, h1, [itemprop~="articleBody"]';

function isChrome(element: PageElement): boolean {
  if (CHROME_TAGS.has(element.tagName.toUpperCase())) return true;
  const role = element.getAttribute('role');
  if (role !== null && CHROME_ROLES.has(role.trim().toLowerCase())) return true;
  if (element.getAttribute('aria-modal') === 'true') return true;
  return hasChromeWord(element.getAttribute('class')) || hasChromeWord(element.getAttribute('id'));
}

function hasChromeWord(names: string | null): boolean {
  if (names === null || names === '') return false;
  for (const name of names.split(/\s+/)) {
    for (const word of name.split(/[-_]+|(?<=[a-z])(?=[A-Z])/)) {
      if (CHROME_WORDS.has(word.toLowerCase())) return true;
    }
  }
  return false;
}

/** The landmarks of the article and every element that holds one, each climbed to once. */
function articleAndItsAncestors(body: PageElement): Set<PageElement> {
  const guarded = new Set<PageElement>();
  for (const landmark of body.querySelectorAll(LANDMARKS)) {
    for (let element: PageElement | null = landmark; element && element !== body && !guarded.has(element); element = element.parentElement) {
      guarded.add(element);
    }
  }
  return guarded;
}

/** The element after `node` and all of its descendants, in document order, inside `root`. */
function nextOutside(node: PageElement, root: PageElement): PageElement | null {
  for (let at: PageElement | null = node; at && at !== root; at = at.parentElement) {
    if (at.nextElementSibling) return at.nextElementSibling;
  }
  return null;
}
