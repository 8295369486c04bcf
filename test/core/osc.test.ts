import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { browserCommand } from '../../source/core/open-url';
import { clipboardWrite, hyperlink, MAX_COPY_BYTES, safeHttpUrl } from '../../source/core/osc';

describe('safeHttpUrl', () => {
  test('keeps clean http(s) URLs, normalised; refuses every other scheme, credentials and controls', () => {
    assert.equal(safeHttpUrl('https://example.com/a?b=1&c=2#d'), 'https://example.com/a?b=1&c=2#d');
    assert.equal(safeHttpUrl(' HTTP://Example.COM '), 'http://example.com/');
    assert.equal(safeHttpUrl('https://例え.jp/パス'), 'https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9');
    for (const bad of [
      undefined,
      '',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>',
      'ftp://example.com/',
      '//example.com/',
      'https://user:pw@example.com/',
      'https://example.com/\x1b]52;c;UFdORUQ=\x07',
      'https://example.com/\x07',
      'https://example.com/\u009d',
      'https://example.com/\u202e',
      'https://exa mple.com/',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      assert.equal(safeHttpUrl(bad), null, JSON.stringify(bad));
    }
  });

  test('whatever the input, the result is null or printable ASCII that starts http:// or https://', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `https://example.com/${s}`), fc.string({ unit: 'binary' }).map((s) => `http://${s}`)), (raw) => {
        const url = safeHttpUrl(raw);
        assert.ok(url === null || /^https?:\/\/[\x21-\x7e]+$/.test(url), JSON.stringify(url));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('OSC sequences', () => {
  test('a hyperlink opens and closes around its text', () => {
    assert.equal(hyperlink('https://example.com/', 'here'), '\x1b]8;;https://example.com/\x07here\x1b]8;;\x07');
  });

  test('a clipboard write is base64 of the UTF-8, cut at a character boundary past the cap', () => {
    const write = clipboardWrite('café — “ok”\n');
    assert.ok(write.startsWith('\x1b]52;c;') && write.endsWith('\x07'));
    assert.equal(Buffer.from(write.slice(7, -1), 'base64').toString('utf8'), 'café — “ok”\n');
    const long = 'é'.repeat(MAX_COPY_BYTES); // two bytes each
    const decoded = Buffer.from(clipboardWrite(long).slice(7, -1), 'base64');
    assert.ok(decoded.length <= MAX_COPY_BYTES);
    assert.equal(decoded.toString('utf8'), 'é'.repeat(decoded.length / 2), 'no character split');
  });
});

describe('browserCommand', () => {
  const url = 'https://example.com/';
  test('$BROWSER first (its first command, split at spaces, %s for the URL), else xdg-open, else open', () => {
    assert.deepEqual(browserCommand(url, {}, 'linux'), { file: 'xdg-open', args: [url] });
    assert.deepEqual(browserCommand(url, { BROWSER: '' }, 'darwin'), { file: 'open', args: [url] });
    assert.deepEqual(browserCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux'), { file: 'firefox', args: ['--new-tab', url] });
    assert.deepEqual(browserCommand(url, { BROWSER: 'w3m:lynx' }, 'linux'), { file: 'w3m', args: [url] });
    assert.deepEqual(browserCommand(url, { BROWSER: 'chromium --app=%s' }, 'linux'), { file: 'chromium', args: [`--app=${url}`] });
    // The URL is one argument whatever it holds: no shell ever sees it.
    const odd = 'https://example.com/a;rm%20-rf$(x)';
    assert.deepEqual(browserCommand(odd, { BROWSER: 'sh -c' }, 'linux').args.at(-1), odd);
  });
});
