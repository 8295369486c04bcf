import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sanitizeForTerminal, sanitizeSingleLine, visibleControl } from '../../source/core/sanitize.js';

const ESC = '\x1b';

/** Anything a terminal would act on: C0 (but \n and \t), DEL, C1, bidi overrides/isolates, lone surrogates. */
const UNSAFE = /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

describe('sanitizeForTerminal: escape sequences are removed whole', () => {
  const cases: Array<[string, string, string]> = [
    ['CSI colour', `a${ESC}[31mred${ESC}[0m b`, 'ared b'],
    ['CSI cursor move and clear screen', `x${ESC}[2J${ESC}[10;20Hy`, 'xy'],
    ['CSI with private parameters', `${ESC}[?1049hz`, 'z'],
    ['OSC window title ended by BEL', `a${ESC}]0;pwned\x07b`, 'ab'],
    ['OSC 52 clipboard ended by ST', `a${ESC}]52;c;ZXZpbA==${ESC}\\b`, 'ab'],
    ['OSC 8 hyperlink keeps its text', `${ESC}]8;;https://x.test${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['DCS string', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['APC string', `a${ESC}_payload${ESC}\\b`, 'ab'],
    ['PM and SOS strings', `a${ESC}^pm${ESC}\\b${ESC}Xsos${ESC}\\c`, 'abc'],
    ['two-character sequences (reset, save cursor)', `a${ESC}cb${ESC}7c`, 'abc'],
    ['nF sequence (charset, DEC screen alignment)', `a${ESC}(Bb${ESC}#8c`, 'abc'],
    ['OSC ended by 8-bit ST', `a${ESC}]0;t\u009cb`, 'ab'],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.equal(sanitizeForTerminal(input), expected));
  }

  test('an OSC with no terminator shows the ESC and keeps the rest as text', () => {
    assert.equal(sanitizeForTerminal(`a${ESC}]0;title`), 'a^[]0;title');
  });

  test('a lone ESC at the end, or before a non-ASCII character, is made visible', () => {
    assert.equal(sanitizeForTerminal(`end${ESC}`), 'end^[');
    assert.equal(sanitizeForTerminal(`${ESC}é`), '^[é');
  });

  test('a CSI broken by a newline loses its start and keeps the newline', () => {
    assert.equal(sanitizeForTerminal(`a${ESC}[12\nb`), 'a\nb');
  });
});

describe('sanitizeForTerminal: lone control characters are made visible', () => {
  test('C0 controls in caret notation; newline and tab kept', () => {
    assert.equal(sanitizeForTerminal('a\x00b\x07c\x08d\re\x0cf\n\tg'), 'a^@b^Gc^Hd^Me^Lf\n\tg');
  });

  test('backspace and carriage-return overprinting cannot hide text', () => {
    assert.equal(sanitizeForTerminal('safe\rEVIL'), 'safe^MEVIL');
    assert.equal(sanitizeForTerminal('ab\b\bXY'), 'ab^H^HXY');
  });

  test('DEL as ^?, C1 (including 8-bit CSI U+009B) as <U+XXXX>', () => {
    assert.equal(sanitizeForTerminal('a\x7fb'), 'a^?b');
    assert.equal(sanitizeForTerminal('a\u009b31mb\u0085c'), 'a<U+009B>31mb<U+0085>c');
  });

  test('visibleControl covers the whole range', () => {
    assert.equal(visibleControl(0x1b), '^[');
    assert.equal(visibleControl(0x1f), '^_');
    assert.equal(visibleControl(0x80), '<U+0080>');
  });

  test('bidi overrides and isolates are removed', () => {
    assert.equal(sanitizeForTerminal('a\u202eb\u202ac\u2066d\u2069e\u202cf'), 'abcdef');
  });

  test('lone surrogates become U+FFFD, pairs are kept', () => {
    assert.equal(sanitizeForTerminal('a\ud800b\udc00c😀'), 'a\ufffdb\ufffdc😀');
  });

  test('single-line mode turns newlines and tabs into spaces', () => {
    assert.equal(sanitizeSingleLine('Title\nline\ttab\x1b[1m!'), 'Title line tab!');
  });

  test('ordinary text, including non-ASCII, comes back as the same string', () => {
    const text = 'Netanyahu — “Putin” ‘Assad’ …\n\n日本語 😀 é\ttab';
    assert.equal(sanitizeForTerminal(text), text);
  });
});

describe('sanitizeForTerminal: properties', () => {
  const anyString = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    // Strings built from the characters escape sequences are made of, so sequences actually occur.
    fc.array(fc.constantFrom(ESC, '[', ']', 'P', '_', '^', 'X', '\\', '\x07', '\u009c', '\u009b', '\x18', '1', ';', 'm', 'a', '\n', '\t', '#', '(', ' ')).map((a) => a.join('')),
  );

  test('output never contains a control character, ESC, C1, bidi control or lone surrogate', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        assert.doesNotMatch(sanitizeForTerminal(s), UNSAFE);
        assert.doesNotMatch(sanitizeSingleLine(s), /[\0-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u);
      }),
      { numRuns: 2000 },
    );
  });

  test('is idempotent', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const once = sanitizeForTerminal(s);
        assert.equal(sanitizeForTerminal(once), once);
        const line = sanitizeSingleLine(s);
        assert.equal(sanitizeSingleLine(line), line);
      }),
      { numRuns: 2000 },
    );
  });

  test('printable ASCII with newlines and tabs passes through unchanged', () => {
    const printable = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\n\t'.split('')) });
    fc.assert(fc.property(printable, (s) => assert.equal(sanitizeForTerminal(s), s)));
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (s) => assert.equal(sanitizeForTerminal(s), s)));
  });

  test('stays linear: a megabyte of unterminated OSC openers and broken CSIs', { timeout: 5000 }, () => {
    // Each opener ends the string before it (as in a terminal); only the last is unterminated.
    assert.equal(sanitizeForTerminal(`${ESC}]`.repeat(250_000)), '^[]');
    assert.equal(sanitizeForTerminal(`${ESC}]0;` + 'a'.repeat(1_000_000)), '^[]0;' + 'a'.repeat(1_000_000));
    const csi = `${ESC}[1;`.repeat(200_000) + '\nend';
    assert.equal(sanitizeForTerminal(csi), '\nend');
  });
});
