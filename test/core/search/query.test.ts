import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, type QueryTerm } from '../../../source/core/search/index.js';

const shape = (t: QueryTerm): string => `${t.negated ? '!' : ''}${t.kind}:${t.folded}`;
const groups = (q: string): string[][] => parseQuery(q).groups.map((g) => g.map(shape));

describe('parseQuery', () => {
  it('splits plain words into AND groups of fuzzy terms', () => {
    assert.deepEqual(groups('netanyahu  putin'), [['fuzzy:netanyahu'], ['fuzzy:putin']]);
  });

  it('reads each fzf operator', () => {
    assert.deepEqual(groups("'wild"), [['exact:wild']]);
    assert.deepEqual(groups("'wild'"), [['boundary:wild']]);
    assert.deepEqual(groups('^music'), [['prefix:music']]);
    assert.deepEqual(groups('mp3$'), [['suffix:mp3']]);
    assert.deepEqual(groups('^music$'), [['equal:music']]);
    assert.deepEqual(groups('!fire'), [['!exact:fire']]);
    assert.deepEqual(groups('!^music'), [['!prefix:music']]);
    assert.deepEqual(groups('!mp3$'), [['!suffix:mp3']]);
    // As in fzf, a quote after ! flips the inverse term back to fuzzy.
    assert.deepEqual(groups("!'fire"), [['!fuzzy:fire']]);
  });

  it('parses the combinations of fzf’s own parser test the same way', () => {
    const parsed = groups("aaa 'bbb ^ccc ddd$ !eee !'fff !^ggg !hhh$ | ^iii$ ^xxx | 'yyy | zzz$ | !ZZZ |");
    assert.deepEqual(parsed, [
      ['fuzzy:aaa'],
      ['exact:bbb'],
      ['prefix:ccc'],
      ['suffix:ddd'],
      ['!exact:eee'],
      ['!fuzzy:fff'],
      ['!prefix:ggg'],
      ['!suffix:hhh', 'equal:iii'],
      ['prefix:xxx', 'exact:yyy', 'suffix:zzz', '!exact:zzz'],
    ]);
  });

  it('treats | as OR only between terms', () => {
    assert.deepEqual(groups('a | b c'), [['fuzzy:a', 'fuzzy:b'], ['fuzzy:c']]);
    // A leading bar has nothing to join, so it is a term of its own (matched exactly: not a word).
    assert.deepEqual(groups('| a'), [['exact:|'], ['fuzzy:a']]);
    assert.deepEqual(groups('a |'), [['fuzzy:a']]);
  });

  it('keeps an escaped space inside a term', () => {
    assert.deepEqual(groups("'prime\\ minister putin"), [['exact:prime minister'], ['fuzzy:putin']]);
  });

  it('folds case and diacritics but keeps the typed text', () => {
    const [[term]] = parseQuery('ERDOĞAN').groups as [[QueryTerm]];
    assert.equal(term.text, 'ERDOĞAN');
    assert.equal(term.folded, 'erdogan');
  });

  it('matches a plain term with punctuation exactly, since there is no single word to fuzz', () => {
    assert.deepEqual(groups("u.s. iran's"), [['exact:u.s.'], ["exact:iran's"]]);
  });

  it('drops empty terms and operators with nothing after them', () => {
    assert.deepEqual(groups(''), []);
    assert.deepEqual(groups('   '), []);
    assert.deepEqual(groups("! ' ^"), []);
  });
});
