import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { containsTerminalControls, sanitizeForTerminal, sanitizeSingleLine, visibleControl } from '../../source/core/sanitize.js';
import { JOINING_VIRAMAS } from '../../source/core/width-normalize.js';

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

  test('containsTerminalControls finds what a typed key must not carry, and accepts marks typed alone', () => {
    for (const key of ['\x1b', 'a\x1b[31m', '\n', '\t', '\x7f', '\u009b', '\u202e', '\ud800']) assert.equal(containsTerminalControls(key), true, JSON.stringify(key));
    for (const key of ['a', 'é', '\u0e48', '\u094d', '\u200c', '👍🏽', '👨\u200d👩\u200d👧', '東']) assert.equal(containsTerminalControls(key), false, JSON.stringify(key));
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

describe('sanitizeForTerminal: what is drawn is as wide as the terminal counts it', () => {
  const cases: Array<[string, string, string]> = [
    ['soft hyphen, zero-width space, word joiner, BOM, bidi mark dropped', 'co\u00adop\u200ber\u2060at\ufeffe\u200ed', 'cooperated'],
    ['tag characters dropped (ASCII smuggled in tags too)', 'a\u{E0001}\u{E0068}\u{E0069}b', 'ab'],
    ['Hangul fillers dropped', 'x\u3164\u115f\uffa0y', 'xy'],
    ['ZWJ emoji sequences split into their emoji', '👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈', '👨👩👧 🏳🌈'],
    ['skin-tone modifiers dropped', '👍🏽 🏽', '👍 '],
    ['presentation selectors dropped', '❤\ufe0f ☔\ufe0e', '❤ ☔'],
    ['a keycap is its digit', '1\ufe0f\u20e3 #\u20e3 a\u20e3', '1 # a\u20e3'],
    ['a tag flag is its black flag', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', '🏴'],
    ['flags stay', '🇺🇸🇫🇷 🇯🇵', '🇺🇸🇫🇷 🇯🇵'],
    ['a lone regional indicator is its letter', '🇦 🇺🇸🇦', 'A 🇺🇸A'],
    ['a pair that is no flag is its letters', '🇿🇺🇸', 'ZUS'],
    ['a pair split by a dropped character is still a flag', '🇺\u200b🇸', '🇺🇸'],
    ['a combining mark on a letter stays', 'e\u0301 n\u0303\u0304', 'e\u0301 n\u0303\u0304'],
    ['a mark with nothing to sit on gets a no-break space', '\u0301a b \u0308c\n\u0323', '\u00a0\u0301a b \u00a0\u0308c\n\u00a0\u0323'],
    ['a mark after a flag gets its own base', '🇺🇸\u0301🇺🇸\u093f', '🇺🇸\u00a0\u0301🇺🇸\u00a0\u093f'],
    ['ZWNJ and variation selectors stay on a character, go elsewhere', 'می\u200cخواهم \u200c葛\u{E0100} \u{E0100}', 'می\u200cخواهم 葛\u{E0100} '],
    ['a conjunct is split where terminals count columns', 'क्ष न्द', 'क्\u200cष न्\u200cद'],
    ['an explicit halant stays; a half-form ZWJ becomes one', 'क्\u200cष क्\u200dष', 'क्\u200cष क्\u200cष'],
    ['a prepended letter is kept apart from what follows', '\u0d4eക', '\u0d4e\u200cക'],
    ['SARA AM after a character is decomposed', 'น้ำ ຄຳ', 'น้\u0e4d\u0e32 ຄ\u0ecd\u0eb2'],
    ['SARA AM at the start of a line stays', 'ำ\nำ', 'ำ\nำ'],
    ['Hangul jamo that complete a syllable stay', '\u1100\u1161\u11a8 가\u11a8 \u1100\u1161', '\u1100\u1161\u11a8 가\u11a8 \u1100\u1161'],
    ['Hangul jamo that complete nothing are dropped', '\u1161 \u1100\u1161\u1161 \u11a8', ' \u1100\u1161 '],
    ['unassigned and width-unsettled code points become U+FFFD', '\u0378 \u{E0080} 🥲 ䷀ \ud7b0', '\ufffd  \ufffd \ufffd \ufffd'],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.equal(sanitizeForTerminal(input), expected));
  }

  test('text that renders alike everywhere comes back as the same string', () => {
    const text = 'Ünïcödé “quotes” — 東京 한국어 Кремль العربية ไทย हिन्दी तक 😀 🇺🇸 e\u0301 ¡ñ! \u2028';
    assert.equal(sanitizeForTerminal(text), text.replace('हिन्दी', 'हिन्\u200cदी'));
    assert.equal(sanitizeForTerminal('plain ASCII, “curly” and Latin-1: café'), 'plain ASCII, “curly” and Latin-1: café');
  });

  test('every virama this runtime joins letters across is in JOINING_VIRAMAS, and no other', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const clusters = (s: string) => [...segmenter.segment(s)].length;
    const joining = new Set<number>();
    for (let cp = 0x300; cp <= 0x1ffff; cp++) {
      const mark = String.fromCodePoint(cp);
      if (!/\p{Mn}/u.test(mark)) continue;
      const block = cp & ~0x7f;
      for (let letter = block; letter < block + 0x80; letter++) {
        const l = String.fromCodePoint(letter);
        if (/\p{L}/u.test(l) && clusters(l + mark + l) === 1) {
          joining.add(cp);
          break;
        }
      }
    }
    // Thai and Lao vowels are found too: they join SARA AM, a spacing vowel, not a consonant.
    const viramas = [...joining].filter((cp) => cp < 0xe00 || cp > 0xeff);
    assert.deepEqual(viramas.sort((a, b) => a - b), [...JOINING_VIRAMAS].sort((a, b) => a - b));
  });

  const hardPieces = [
    'a', ' ', '\n', '\t', 'é', 'e\u0301', '\u0301', '\u00ad', '\u200b', '\u200c', '\u200d', '\ufe0f', '\u{E0041}', '🇺', '🇸',
    '🇦', '👍', '🏽', '👨', '1', '\u20e3', 'क', '्', 'ष', 'ि', 'ำ', 'ท', '\u1100', '\u1161', '\u11a8', '가', '\u0d4e',
    '\u0378', '🥲', '東', '\u2028', ESC, '[', '\x07',
  ];
  const hardText = fc.array(fc.constantFrom(...hardPieces), { maxLength: 30 }).map((a) => a.join(''));

  test('is idempotent on text made of the cases the width rules handle', () => {
    fc.assert(
      fc.property(hardText, (s) => {
        const once = sanitizeForTerminal(s);
        assert.equal(sanitizeForTerminal(once), once);
        const line = sanitizeSingleLine(s);
        assert.equal(sanitizeSingleLine(line), line);
      }),
      { numRuns: 3000 },
    );
  });

  /** Invisible characters but ZWNJ and the glyph-picking selectors (kept on a character), and skin tones. */
  const DROPPED = /(?!\u200c|[\ufe00-\ufe0d]|[\u180b-\u180d]|[\u{E0100}-\u{E01EF}])[\p{Cf}\p{Default_Ignorable_Code_Point}\u{1F3FB}-\u{1F3FF}]/u;

  test('leaves no invisible format character, skin tone, lone regional indicator or unassigned code point', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.oneof(hardText, fc.string({ unit: 'binary' })), (s) => {
        const out = sanitizeForTerminal(s);
        assert.doesNotMatch(out, DROPPED);
        for (const { segment } of segmenter.segment(out)) {
          const ri = [...segment].filter((c) => /\p{RI}/u.test(c)).length;
          assert.ok(ri === 0 || ri === 2, `regional indicators in ${JSON.stringify(segment)}`);
          assert.ok(!/\p{Cn}/u.test(segment), `unassigned code point in ${JSON.stringify(segment)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('stays linear on runs of what the width rules look past', { timeout: 10_000 }, () => {
    // Each virama is followed, past the others, by a letter: each gets its ZWNJ.
    assert.equal(sanitizeForTerminal('क' + '\u094d'.repeat(200_000) + 'ष'), 'क' + '\u094d\u200c'.repeat(200_000) + 'ष');
    assert.equal(sanitizeForTerminal('🇺' + '\u200b'.repeat(200_000) + '🇸'), '🇺🇸');
    assert.equal(sanitizeForTerminal('🇺\u200b'.repeat(100_000)), 'U'.repeat(100_000));
    assert.equal(sanitizeForTerminal('\u0d4e'.repeat(100_000)).length, 200_000 - 1);
  });
});
