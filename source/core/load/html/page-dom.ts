/**
 * The little of the DOM that the page reader uses, typed here: the project compiles without the
 * browser's DOM types, and linkedom's declarations lean on them.
 */
export interface PageNode {
  readonly textContent: string | null;
}

export interface PageElement extends PageNode {
  readonly tagName: string;
  readonly id: string;
  readonly className: string;
  readonly parentElement: PageElement | null;
  readonly firstElementChild: PageElement | null;
  readonly nextElementSibling: PageElement | null;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): PageElement | null;
  querySelectorAll(selectors: string): Iterable<PageElement> & { readonly length: number };
  contains(other: PageElement): boolean;
  closest(selectors: string): PageElement | null;
  remove(): void;
}

export interface PageDocument {
  readonly documentElement: PageElement | null;
  readonly head: PageElement | null;
  readonly body: PageElement | null;
  querySelector(selectors: string): PageElement | null;
  querySelectorAll(selectors: string): Iterable<PageElement> & { readonly length: number };
}
