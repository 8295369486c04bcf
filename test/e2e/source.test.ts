// The source of an article, in a real terminal: the metadata line under the title with the URL as
// an OSC 8 link, `o` starting $BROWSER (a stub that records its argv) detached and without a
// shell, `p` naming the file, `y` copying the paragraph with its source through OSC 52 — and none
// of it for a URL that is not a clean http(s) one.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from './fixtures';
import { startLede, type TerminalSession } from './terminal';

const temp = makeTempDir('lede-e2e-source-');
after(() => temp.remove());

const URL_OK = 'https://news.example.com/2024/03/golan?id=7&ref=rss';
const argvFile = join(temp.dir, 'browser-argv');
const browser = join(temp.dir, 'browser.sh');
// The stub records each argument on a line of its own: a shell would have split or run them.
writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(argvFile)}\n`);
chmodSync(browser, 0o755);

function writeArticles(): void {
  const record = (title: string, url: string) =>
    JSON.stringify({
      title,
      text: `<p>${title} first paragraph, about the Golan.</p><p>${title} second paragraph.</p>`,
      date: '2024-03-01',
      source: 'Example News',
      author: 'Jane Doe',
      url,
    });
  writeFileSync(
    join(temp.dir, 'a.jsonl'),
    [record('Alpha story', URL_OK), record('Beta story', 'javascript:alert(1)'), record('Gamma story', 'https://user:secret@evil.example/')].join('\n') + '\n',
  );
}
writeArticles();

/** Opens the nth article of the list (0-based; the records in file order). */
async function openNth(t: TerminalSession, n: number, title: string): Promise<void> {
  await t.press('g', ...Array.from({ length: n }, () => 'j'));
  await t.quiet(150);
  await t.press('enter');
  await t.waitFor((s) => (s.split('\n')[0] ?? '').includes(title));
}

test('the metadata line, the URL as a link, o with $BROWSER, p for the file, y through OSC 52', async () => {
  const t = startLede([join(temp.dir, 'a.jsonl')], {
    cols: 100,
    rows: 30,
    env: { BROWSER: `${browser} --new-tab`, FORCE_HYPERLINK: '1', LEDE_CACHE_DIR: join(temp.dir, 'cache') },
  });
  try {
    await t.waitFor('3 articles');
    await t.waitForRawMode();
    await openNth(t, 0, 'Alpha story');
    // At this measure the URL does not fit after the rest: it has a line of its own.
    assert.equal((t.screen()[1] ?? '').trim(), '2024-03-01 · Example News · Jane Doe', t.screenText());
    assert.equal((t.screen()[2] ?? '').trim(), URL_OK, t.screenText());
    assert.deepEqual(t.hyperlinkOpens(), [`;${URL_OK}`], 'the URL is a link to itself');

    await t.press('o');
    await t.waitFor(/opened in browser\.sh: https:\/\/news\.example\.com/);
    await t.waitFor(() => existsSync(argvFile) && readFileSync(argvFile, 'utf8').endsWith('\n'));
    assert.deepEqual(readFileSync(argvFile, 'utf8').split('\n').slice(0, -1), ['--new-tab', URL_OK], 'argv: the flag, then the URL as one argument');
    assert.match(t.screenText(), /Alpha story/, 'the reader is still on screen');

    await t.press('p');
    await t.waitFor(/file: .*a\.jsonl \(record 1\)/);

    await t.press('y');
    await t.waitFor(/copied the paragraph with its source/);
    // The clipboard write and the status line are separate writes: wait for the write itself.
    await t.waitFor(() => t.clipboardWrites().length > 0);
    const [write] = t.clipboardWrites();
    assert.ok(write?.startsWith('c;'), `an OSC 52 write to the clipboard: ${write}`);
    const copied = Buffer.from(write!.slice(2), 'base64').toString('utf8');
    assert.equal(copied, `Alpha story first paragraph, about the Golan.\n\n— Alpha story, 2024-03-01\n${URL_OK}\n`);

    // Neither a javascript: URL nor one with credentials in it is shown as a link or opened.
    for (const [n, title] of ['Beta story', 'Gamma story'].entries()) {
      await t.press('esc');
      await t.waitFor('3 articles');
      await openNth(t, n + 1, title);
      assert.equal((t.screen()[1] ?? '').trim(), '2024-03-01 · Example News · Jane Doe', `no URL shown for ${title}:\n${t.screenText()}`);
      assert.match(t.screen()[2] ?? '', /^ *─+$/, `the rule follows: no URL line for ${title}:\n${t.screenText()}`);
      await t.press('o');
      await t.waitFor('not opened: only clean http and https links are');
    }
    assert.deepEqual(t.hyperlinkOpens(), [`;${URL_OK}`], 'no other link was ever sent');
    assert.equal(t.clipboardWrites().length, 1, 'nothing else reached the clipboard');
    await t.press('q');
    assert.equal((await t.exited()).exitCode, 0);
  } finally {
    await t.dispose();
  }
});

test('without a terminal known to show links no OSC 8 is sent, and the URL is still shown', async () => {
  const t = startLede([join(temp.dir, 'a.jsonl')], { cols: 100, rows: 30, env: { FORCE_HYPERLINK: undefined, TERM_PROGRAM: undefined, LEDE_CACHE_DIR: join(temp.dir, 'cache') } });
  try {
    await t.waitFor('3 articles');
    await t.waitForRawMode();
    await openNth(t, 0, 'Alpha story');
    assert.equal((t.screen()[2] ?? '').trim(), URL_OK);
    assert.deepEqual(t.hyperlinkOpens(), []);
    await t.press('q');
    await t.exited();
  } finally {
    await t.dispose();
  }
});
