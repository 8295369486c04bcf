/**
 * Inline markdown → the plain text a reader sees: emphasis markers dropped, `code` kept as its
 * content, links and images reduced to their text, HTML tags removed and entities decoded.
 *
 * Every pattern here is linear: a construct's content may not contain its own opening character,
 * so a scan from one opener stops at the next one and a 1 MB line of `[` or `*` costs one pass.
 * The result is sanitised later (entities such as `&#27;` can produce control characters).
 */
export function renderInline(source: string): string {
  const stash: string[] = [];
  // Placeholders use U+0001, which sanitised text cannot contain (it would be `^A`).
  const keep = (s: string) => `\u0001${stash.push(s) - 1}\u0002`;
  let s = source
    .replace(/``[ ]?((?:[^`]|`(?!`))+?)[ ]?``/g, (_, code: string) => keep(code))
    .replace(/`([^`]+)`/g, (_, code: string) => keep(code))
    .replace(/\\([!-/:-@[-`{-~])/g, (_, char: string) => keep(char))
    .replace(/<((?:https?|ftp|mailto):[^<>\s]+)>/g, (_, url: string) => keep(url));
  s = stripHtmlComments(s)
    .replace(/!\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/!\[([^[\]]*)\]\[[^[\]]*\]/g, '$1')
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/\[([^[\]]+)\]\[[^[\]]*\]/g, '$1')
    .replace(/<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/g, (_, _close: string, tag: string) =>
      INLINE_TAGS.has(tag.toLowerCase()) ? '' : ' ',
    )
    .replace(/\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*/g, '$1')
    .replace(/(?<![\p{L}\p{N}_])__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/~~(?=\S)([^~]+?)(?<=\S)~~/g, '$1')
    .replace(/\*(?=[^\s*])([^*]+?)(?<=\S)\*/g, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1');
  s = decodeEntities(s);
  return s.replace(/\u0001(\d+)\u0002/g, (_, index: string) => stash[Number(index)] ?? '');
}

/** Tags that sit inside a word (H<sub>2</sub>O) vanish; block tags (<p>, <br>, <div>) become a space. */
const INLINE_TAGS = new Set(['a', 'abbr', 'b', 'cite', 'code', 'em', 'i', 'mark', 's', 'small', 'span', 'strong', 'sub', 'sup', 'u']);

/** By hand rather than with a lazy regex, so many unclosed `<!--` cannot make it quadratic. */
function stripHtmlComments(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = s.indexOf('<!--', from);
    if (open === -1) break;
    const close = s.indexOf('-->', open + 4);
    if (close === -1) break; // no later comment can close either
    out += s.slice(from, open) + ' ';
    from = close + 3;
  }
  return out + s.slice(from);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  middot: '·',
  bull: '•',
};

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}
