import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeBytes } from '../../../source/core/load/decode.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const out: number[] = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(...(endian === 'le' ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
}

describe('decodeBytes', () => {
  test('UTF-8 without a BOM', () => {
    assert.deepEqual(decodeBytes(utf8('Café “quoted” 日本 😀')), { text: 'Café “quoted” 日本 😀', encoding: 'utf-8' });
  });

  test('UTF-8 BOM is stripped', () => {
    assert.deepEqual(decodeBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('Hé'))), { text: 'Hé', encoding: 'utf-8' });
  });

  test('UTF-16 LE and BE with a BOM', () => {
    assert.deepEqual(decodeBytes(utf16('Héllo 😀', 'le', true)), { text: 'Héllo 😀', encoding: 'utf-16le' });
    assert.deepEqual(decodeBytes(utf16('Héllo 😀', 'be', true)), { text: 'Héllo 😀', encoding: 'utf-16be' });
  });

  test('BOM-less UTF-16 is recognised by its NUL pattern', () => {
    const text = 'An article in UTF-16 without a byte order mark.\nSecond line.';
    assert.deepEqual(decodeBytes(utf16(text, 'le', false)), { text, encoding: 'utf-16le' });
    assert.deepEqual(decodeBytes(utf16(text, 'be', false)), { text, encoding: 'utf-16be' });
  });

  test('invalid UTF-8 falls back to Windows-1252 with the real 0x80–0x9F table', () => {
    // "Caf\xe9 \x93quoted\x94 \x80 5\x85" in cp1252
    const result = decodeBytes(bytes(0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94, 0x20, 0x80, 0x20, 0x35, 0x85));
    assert.deepEqual(result, { text: 'Café “q” € 5…', encoding: 'windows-1252' });
  });

  test('cp1252 bytes left undefined map to the C1 code point (which the sanitiser shows)', () => {
    assert.deepEqual(decodeBytes(bytes(0x41, 0x81, 0x9d)), { text: 'A\u0081\u009d', encoding: 'windows-1252' });
  });

  test('NUL bytes outside UTF-16 mean binary', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01);
    assert.deepEqual(decodeBytes(png), { binary: true, reason: 'binary (NUL bytes)' });
  });

  test('a high share of control bytes means binary, a few stray ones do not', () => {
    const noisy = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41));
    assert.deepEqual(decodeBytes(noisy), { binary: true, reason: 'binary (control characters)' });
    const mostlyText = utf8('A line with a bell\x07 and an escape \x1b[1m in it, which is still text.');
    assert.equal('text' in decodeBytes(mostlyText), true);
  });

  test('UTF-16 that decodes to NUL characters is binary', () => {
    assert.deepEqual(decodeBytes(bytes(0xff, 0xfe, 0, 0, 0, 0, 0x41, 0)), { binary: true, reason: 'binary (NUL bytes)' });
  });

  test('empty input is empty text', () => {
    assert.deepEqual(decodeBytes(new Uint8Array(0)), { text: '', encoding: 'utf-8' });
  });

  test('truncated input: a UTF-8 character cut by the cap is dropped instead of forcing cp1252', () => {
    const cut = utf8('Grüße €').subarray(0, -1); // the € loses its last byte
    assert.deepEqual(decodeBytes(cut, { truncated: true }), { text: 'Grüße ', encoding: 'utf-8' });
    assert.deepEqual(decodeBytes(cut), { text: 'GrÃ¼ÃŸe â‚', encoding: 'windows-1252' });
  });

  test('never throws, and always returns text or a reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (input, truncated) => {
        const result = decodeBytes(input, { truncated });
        assert.ok('binary' in result ? result.reason.length > 0 : typeof result.text === 'string');
      }),
      { numRuns: 3000 },
    );
  });

  test('any valid UTF-8 without controls round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const clean = s.replace(/[\0-\x1f\x7f]/g, '').replace(/^\ufeff/, '');
        assert.deepEqual(decodeBytes(utf8(clean)), { text: clean, encoding: 'utf-8' });
      }),
    );
  });
});
