import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findInText } from '../../../source/core/search/index.js';

const slices = (text: string, query: string): string[] => findInText(text, query).map((m) => text.slice(m.start, m.end));

describe('findInText', () => {
  it('finds every exact match in order, ignoring case and diacritics', () => {
    const text = 'Erdoğan met ERDOGAN.\n\nLater erdogan left.';
    const matches = findInText(text, 'erdogan');
    assert.deepEqual(slices(text, 'erdogan'), ['Erdoğan', 'ERDOGAN', 'erdogan']);
    assert.ok(matches.every((m) => !m.fuzzy));
    assert.ok(matches.every((m, i) => i === 0 || matches[i - 1]!.end <= m.start));
  });

  it('prefers exact matches: a typo match is not reported when an exact one exists', () => {
    const text = 'Shoigu spoke. Later Shiogu (sic) spoke again.';
    assert.deepEqual(slices(text, 'shoigu'), ['Shoigu']);
  });

  it('falls back to typo matches when there is no exact one', () => {
    const text = 'Prime Minister Benjamin Netanyahu said. Netanyahu left.';
    const matches = findInText(text, 'netanyhau');
    assert.deepEqual(slices(text, 'netanyhau'), ['Netanyahu', 'Netanyahu']);
    assert.ok(matches.every((m) => m.fuzzy));
  });

  it('matches a multi-word query with a typo across the words', () => {
    const text = 'The Prime Minister spoke; the prime-minister left.';
    assert.deepEqual(slices(text, 'prime minster'), ['Prime Minister', 'prime-minister']);
  });

  it('maps offsets back through characters whose folded length differs', () => {
    const text = 'In der Straße von Ko\u0308ln, 🇩🇪 ﬁnal.';
    assert.deepEqual(slices(text, 'strasse'), ['Straße']);
    // The decomposed ö (o + combining diaeresis) is covered whole.
    assert.deepEqual(slices(text, 'koln'), ['Ko\u0308ln']);
    assert.deepEqual(slices(text, 'final'), ['ﬁnal']);
  });

  it('returns [] for an empty query, an empty text, or nothing similar', () => {
    assert.deepEqual(findInText('some text', ''), []);
    assert.deepEqual(findInText('some text', '   '), []);
    assert.deepEqual(findInText('', 'text'), []);
    assert.deepEqual(findInText('Lavrov spoke in Moscow.', 'zelenskyy'), []);
    // Short words get no typo budget.
    assert.deepEqual(findInText('Iran and Iraq', 'irqn'), []);
  });
});
