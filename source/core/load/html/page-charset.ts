/**
 * The character set a page declares, for a page whose bytes are not UTF-8: `<meta charset="…">` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` in its first 1,024 bytes (as far as
 * HTML's own prescan looks). Decoded with the platform's TextDecoder, which knows the labels
 * browsers know (windows-1251, shift_jis, gb2312, koi8-r, …).
 */
const PRESCAN_BYTES = 1024;
const DECLARED = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{1,40})/i;

/** The declared encoding as TextDecoder names it, or undefined when none is declared or known. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  const label = DECLARED.exec(head)?.[1];
  if (label === undefined) return undefined;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  // As HTML does: a page whose bytes were read this far as ASCII is not UTF-16, whatever it says.
  return encoding.startsWith('utf-16') ? undefined : encoding;
}

/** `bytes` decoded as `encoding` (bad sequences become U+FFFD). */
export function decodeAs(bytes: Uint8Array, encoding: string, truncated: boolean): string {
  return new TextDecoder(encoding).decode(bytes, { stream: truncated });
}
