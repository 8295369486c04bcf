import { endOf, findEndTag, isAsciiLetter, readTag } from './markup-tags.js';

/**
 * How many elements a page has and how deep they nest, estimated from its markup in one linear
 * scan, before any DOM is built: linkedom's parse slows with depth (20,000 levels: 0.4 s, twice
 * as deep: four times as slow) and the reader view with depth times size, so a page past the
 * limits is read from its markup alone.
 * Elements that need no end tag (`<br>`, `<img>`, …) or are usually left open (`<p>`, `<li>`,
 * `<td>`, …) add no depth, so a page of unclosed paragraphs is not mistaken for a deep one.
 */
export interface MarkupShape {
  elements: number;
  depth: number;
}

const NO_DEPTH = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'html', 'head', 'body',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'template']);

/** The shape, or where it passes `limits` (the scan stops there). */
export function markupShape(markup: string, limits: MarkupShape): MarkupShape & { withinLimits: boolean } {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let at = markup.indexOf('<');
  while (at !== -1 && at < markup.length) {
    let next = at + 1;
    if (markup.startsWith('<!--', at)) next = endOf(markup, '-->', at + 4);
    else if (markup.charCodeAt(at + 1) === 0x2f && isAsciiLetter(markup.charCodeAt(at + 2))) {
      const tag = readTag(markup, at + 2);
      if (!NO_DEPTH.has(tag.name) && depth > 0) depth--;
      next = tag.end;
    } else if (isAsciiLetter(markup.charCodeAt(at + 1))) {
      const tag = readTag(markup, at + 1);
      elements++;
      const selfClosing = markup.charCodeAt(tag.end - 2) === 0x2f;
      if (!NO_DEPTH.has(tag.name) && !selfClosing) deepest = Math.max(deepest, ++depth);
      next = tag.end;
      if (RAW_TEXT.has(tag.name)) {
        const end = findEndTag(markup, tag.name, next);
        if (end === -1) break; // the rest of the page is that element's text
        next = end;
        if (depth > 0) depth--;
      }
    }
    if (elements > limits.elements || deepest > limits.depth) return { elements, depth: deepest, withinLimits: false };
    at = markup.indexOf('<', next);
  }
  return { elements, depth: deepest, withinLimits: true };
}
