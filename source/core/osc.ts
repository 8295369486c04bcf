/**
 * The two operating-system commands lede sends itself, never with anything from an article that
 * is not checked first: an OSC 8 hyperlink (only to a clean http or https URL) and an OSC 52
 * clipboard write (its text base64-encoded, so no byte of it is ever read by the terminal as a
 * control).
 */

/** A URL an article may link to: http or https, printable ASCII once normalised, at most this long. */
const MAX_URL_LENGTH = 2048;
/** Any C0 or C1 control, DEL, or a bidi control: an article's URL holding one is not a URL lede will use. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * The URL normalised (WHATWG URL's href: non-ASCII percent-encoded, the host in punycode) when it
 * is a clean http or https URL, else null: no control character anywhere, no credentials, a host,
 * and nothing after normalising but printable ASCII (so it cannot end an OSC early).
 */
export function safeHttpUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH || CONTROL.test(trimmed)) return null;
  if (!/^https?:\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  const href = url.href;
  return /^[\x21-\x7e]+$/.test(href) && href.length <= MAX_URL_LENGTH ? href : null;
}

const OSC = '\x1b]';
const BEL = '\x07';

/** `text` as an OSC 8 link to `url` (which must come from safeHttpUrl). */
export function hyperlink(url: string, text: string): string {
  return `${OSC}8;;${url}${BEL}${text}${OSC}8;;${BEL}`;
}

/** Terminals that take OSC 52 cap what they accept (xterm: 100,000 bytes of base64); lede sends less. */
export const MAX_COPY_BYTES = 64 * 1024;

/**
 * The OSC 52 sequence that puts `text` on the system clipboard ("c"), cut to MAX_COPY_BYTES of
 * UTF-8 at a character boundary.
 */
export function clipboardWrite(text: string): string {
  let bytes = Buffer.from(text, 'utf8');
  if (bytes.length > MAX_COPY_BYTES) {
    let end = MAX_COPY_BYTES;
    // Back off continuation bytes (10xxxxxx) so the cut never splits a character.
    while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
    bytes = bytes.subarray(0, end);
  }
  return `${OSC}52;c;${bytes.toString('base64')}${BEL}`;
}
