/**
 * Windows-1252, the usual encoding of "Latin-1" files written on Windows.
 * Hand-rolled because Node 20's TextDecoder('windows-1252') drops 0x80–0x9F instead of mapping
 * them to € ‚ ƒ „ … and the curly quotes; the five bytes cp1252 leaves undefined map to the
 * C1 code point of the same value, as the WHATWG Encoding Standard does (the sanitiser shows them).
 */
const HIGH_CONTROL_RANGE = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

const CHUNK = 8192;

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Array<number>(Math.min(CHUNK, bytes.length));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? HIGH_CONTROL_RANGE[b - 0x80]! : b;
    }
    // Chunked so fromCharCode never gets more arguments than the engine allows.
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
