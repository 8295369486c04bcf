import { decodeCharacterReferences } from './character-references.js';
import { endOf, findEndTag, isAsciiLetter, readTag } from './markup-tags.js';

/**
 * HTML markup → lede's paragraphs, without a DOM: the one definition of how markup becomes text,
 * used for the article a saved page's reader view extracts and for JSON fields scraped from HTML.
 *
 * - Tags are dropped; block elements (p, div, li, headings, blockquote, tr, …) and `<br>` end a
 *   paragraph, so a paragraph never holds a line break.
 * - Whitespace collapses as a browser collapses it; inside `<pre>` each line is a paragraph.
 * - List items start with "• " (or "N. " in an `<ol>`), as lede shows markdown lists.
 * - What a reader never sees is dropped with its content: scripts, styles, `noscript`, `template`,
 *   `iframe`, `svg`, a form's `textarea`, `title`, comments.
 * - Character references are decoded (see decodeCharacterReferences).
 * One forward scan, linear in the input whatever it holds (an unclosed tag, comment or quote ends
 * at the end of the text, as in HTML). The paragraphs are raw: the article builder sanitises them.
 */
export function markupToParagraphs(markup: string): string[] {
  return new MarkupScanner(markup).run();
}

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead',
  'tr', 'ul', 'body', 'html',
]);

/** Cells of a row: one paragraph per row, cells apart. */
const CELLS = new Set(['td', 'th']);

/** Elements dropped with everything inside them, up to their end tag. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'textarea', 'title', 'noembed', 'noframes', 'xmp', 'select', 'object']);

const LIST_BULLET = '• ';

class MarkupScanner {
  private readonly paragraphs: string[] = [];
  /**
   * The paragraph being read, in parts (joined when it ends): a long paragraph of many small
   * text runs must not be flattened again on every run.
   */
  private parts: string[] = [];
  /** The paragraph so far has text other than spaces. */
  private hasText = false;
  private endsWithSpace = false;
  /** A list item's bullet or number, put before the item's first text. */
  private prefix = '';
  private position = 0;
  private preDepth = 0;
  /** One entry per open list: 0 for `<ul>`, the next item's number for `<ol>`. */
  private readonly lists: number[] = [];
  /** End tags searched for and not found from some position on: never searched for again. */
  private readonly missingEndTags = new Set<string>();

  constructor(private readonly markup: string) {}

  run(): string[] {
    const { markup } = this;
    while (this.position < markup.length) {
      const lt = markup.indexOf('<', this.position);
      const textEnd = lt === -1 ? markup.length : lt;
      if (textEnd > this.position) this.addText(markup.slice(this.position, textEnd));
      this.position = textEnd;
      if (lt !== -1) this.readMarkupAt(lt);
    }
    this.endParagraph();
    return this.paragraphs;
  }

  private readMarkupAt(lt: number): void {
    const { markup } = this;
    const next = markup.charCodeAt(lt + 1);
    if (markup.startsWith('<!--', lt)) {
      this.position = endOf(markup, '-->', lt + 4);
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      this.position = endOf(markup, '>', lt + 2); // a doctype, CDATA or processing instruction
    } else if (next === 0x2f /* / */ && isAsciiLetter(markup.charCodeAt(lt + 2))) {
      const { name, end } = readTag(markup, lt + 2);
      this.position = end;
      this.endTag(name);
    } else if (isAsciiLetter(next)) {
      const { name, end } = readTag(markup, lt + 1);
      this.position = end;
      this.startTag(name);
    } else {
      this.addText('<'); // "a < b" is text
      this.position = lt + 1;
    }
  }

  private startTag(name: string): void {
    if (DROPPED_WITH_CONTENT.has(name)) {
      this.skipContentOf(name);
    } else if (name === 'li') {
      this.endParagraph();
      const list = this.lists.length - 1;
      const number = this.lists[list];
      if (number === undefined || number === 0) this.prefix = LIST_BULLET;
      else {
        this.prefix = `${number}. `;
        this.lists[list] = number + 1;
      }
    } else if (BLOCKS.has(name)) {
      this.endParagraph();
      if (name === 'pre') this.preDepth++;
      else if (name === 'ul') this.lists.push(0);
      else if (name === 'ol') this.lists.push(1);
    } else if (CELLS.has(name)) {
      this.append(' ');
    }
  }

  private endTag(name: string): void {
    if (!BLOCKS.has(name)) return;
    this.endParagraph();
    if (name === 'li') this.prefix = '';
    else if (name === 'pre' && this.preDepth > 0) this.preDepth--;
    else if (name === 'ul' || name === 'ol') this.lists.pop();
  }

  /**
   * Past the end tag of `name`. Without one, only the start tag is dropped: in a scraped field,
   * "the <script> tag" is prose, and the rest of the text is kept.
   */
  private skipContentOf(name: string): void {
    if (this.missingEndTags.has(name)) return;
    const end = findEndTag(this.markup, name, this.position);
    if (end === -1) this.missingEndTags.add(name);
    else this.position = end;
  }

  private addText(raw: string): void {
    const text = decodeCharacterReferences(raw);
    if (this.preDepth > 0) {
      const lines = text.split('\n');
      this.append(lines[0] ?? '');
      for (const line of lines.slice(1)) {
        this.endParagraph();
        this.append(line);
      }
      return;
    }
    this.append(text.replace(/[ \t\n\r\f]+/g, ' '));
  }

  private append(text: string): void {
    // Text on both sides of a dropped tag: one space between, as a browser shows it.
    const spaced = this.endsWithSpace && text.startsWith(' ') ? text.slice(1) : text;
    if (spaced === '') return;
    if (!this.hasText && spaced.trim() !== '') {
      this.hasText = true;
      this.parts = [this.prefix, spaced.trimStart()];
      this.prefix = '';
    } else {
      this.parts.push(spaced);
    }
    this.endsWithSpace = spaced.endsWith(' ');
  }

  private endParagraph(): void {
    if (this.hasText) this.paragraphs.push(this.parts.join('').trim());
    this.parts = [];
    this.hasText = false;
    this.endsWithSpace = false;
  }
}
