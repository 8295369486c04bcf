import { decodeHTMLStrict } from 'entities/decode';

/**
 * A character reference as HTML writes one, with its closing `;`: `&amp;`, `&#227;`, `&#xE3;`.
 * Only with the `;`: "AT&T" or a URL's `?a=1&not=2` in a scraped field are not references.
 */
const REFERENCE = /&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});/;

export function hasCharacterReference(s: string): boolean {
  return s.includes('&') && REFERENCE.test(s);
}

/**
 * `s` with its character references decoded, by HTML's own table of names (the `entities`
 * package, which HTML parsers use): `S&#227;o Paulo` → `São Paulo`, `&nbsp;` → U+00A0. A name
 * not in the table is left as written. What a reference decodes to is untrusted like the rest
 * (`&#27;` is ESC): callers sanitise after decoding, never before.
 */
export function decodeCharacterReferences(s: string): string {
  return hasCharacterReference(s) ? decodeHTMLStrict(s) : s;
}
