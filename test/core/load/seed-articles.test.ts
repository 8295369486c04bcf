import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { paragraphSpans } from '../../../source/core/article.js';
import { loadLibrary } from '../../../source/core/load/library.js';

const articlesDir = fileURLToPath(new URL('../../../articles', import.meta.url));
const CAPTION = 'Syrian forces stand on the rubble of damage buildings in al Hajar al-Aswad Syria';

describe('the bundled seed articles', () => {
  test('load with their titles, and nothing is skipped', async () => {
    const library = await loadLibrary([articlesDir]);
    assert.deepEqual(library.skipped, []);
    assert.deepEqual(library.articles.map((a) => a.title), [
      'How the (Proxy) War Between Iran and Israel Started',
      'Netanyahu May Offer Putin US Sanctions Relief for Ousting Iran From Syria',
    ]);
  });

  test('the repeated photo caption appears once, as the first paragraph', async () => {
    const [war] = (await loadLibrary([articlesDir])).articles;
    assert.ok(war);
    const paragraphs = paragraphSpans(war.text).map((s) => war.text.slice(s.start, s.end));
    assert.equal(paragraphs[0], CAPTION);
    assert.equal(paragraphs.filter((p) => p === CAPTION).length, 1);
    assert.equal(war.text.split(CAPTION).length - 1, 1);
    assert.ok(war.words > 500);
  });
});
