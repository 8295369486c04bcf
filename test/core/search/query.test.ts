import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasEntityTerms, parseQuery, type QueryTerm } from '../../../source/core/search/index.js';

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

  it('reads "a phrase" as whole words in order, unclosed as a substring, and a quoted word as that word', () => {
    assert.deepEqual(groups('"prime minister" putin'), [['boundary:prime minister'], ['fuzzy:putin']]);
    assert.deepEqual(groups('putin "prime  minis'), [['fuzzy:putin'], ['exact:prime minis']]);
    assert.deepEqual(groups('!"prime minister" | "golan"'), [['!boundary:prime minister', 'boundary:golan']]);
    assert.deepEqual(groups('"" " "'), [], 'an empty phrase is no term');
    assert.deepEqual(groups('"Erdoğan"'), [['boundary:erdogan']]);
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

  describe('@name, an entity term', () => {
    it('reads a one-word name, words joined by _ or an escaped space, and a quoted name', () => {
      assert.deepEqual(groups('@putin'), [['entity:putin']]);
      assert.deepEqual(groups('@vladimir_putin'), [['entity:vladimir putin']]);
      assert.deepEqual(groups('@vladimir\\ putin'), [['entity:vladimir putin']]);
      assert.deepEqual(groups('@"vladimir putin"'), [['entity:vladimir putin']]);
      assert.deepEqual(groups('@"Recep Tayyip  Erdoğan"'), [['entity:recep tayyip  erdogan']]);
    });

    it('keeps the typed name, folds what is matched', () => {
      const [[term]] = parseQuery('@"Vladimir Putin"').groups as [[QueryTerm]];
      assert.deepEqual(term, { kind: 'entity', text: 'Vladimir Putin', folded: 'vladimir putin', negated: false });
    });

    it('negates with !, ORs with |, ANDs with the other terms in any order', () => {
      assert.deepEqual(groups('!@putin'), [['!entity:putin']]);
      assert.deepEqual(groups('!@"vladimir putin" iran'), [['!entity:vladimir putin'], ['fuzzy:iran']]);
      assert.deepEqual(groups('iran | @putin'), [['fuzzy:iran', 'entity:putin']]);
      assert.deepEqual(groups('zzzz | @putin'), [['fuzzy:zzzz', 'entity:putin']]);
      assert.deepEqual(groups('@"vladimir putin" | iran'), [['entity:vladimir putin', 'fuzzy:iran']]);
      assert.deepEqual(groups("'golan @netanyahu ^syria"), [['exact:golan'], ['entity:netanyahu'], ['prefix:syria']]);
      assert.deepEqual(groups('@a | @"b c" | !@d e'), [['entity:a', 'entity:b c', '!entity:d'], ['fuzzy:e']]);
    });

    it('a quote opened and not closed runs to the end, as while the name is being typed', () => {
      assert.deepEqual(groups('@"vladimir'), [['entity:vladimir']]);
      assert.deepEqual(groups('iran @"vladimir pu'), [['fuzzy:iran'], ['entity:vladimir pu']]);
      // A closing quote ends the term, whatever follows it.
      assert.deepEqual(groups('@"vladimir putin"russia'), [['entity:vladimir putin'], ['fuzzy:russia']]);
    });

    it('a bare @, or one with only spaces or underscores after it, is no term; an @ inside or after an operator is text', () => {
      assert.deepEqual(groups('@'), []);
      assert.deepEqual(groups('@ iran'), [['fuzzy:iran']]);
      assert.deepEqual(groups('@"" @_ !@'), []);
      assert.deepEqual(groups("'@putin"), [['exact:@putin']]);
      assert.deepEqual(groups('^@putin'), [['prefix:@putin']]);
      assert.deepEqual(groups('mail@example'), [['exact:mail@example']]);
    });

    it('hasEntityTerms says whether a query holds one, negated or not', () => {
      for (const query of ['@putin', 'iran !@putin', 'a | @"b c', 'x @y_z']) assert.ok(hasEntityTerms(query), query);
      for (const query of ['', 'putin', '@', "'@putin", 'mail@example', '^@x', '@"']) assert.ok(!hasEntityTerms(query), query);
    });
  });
});

describe('entityNameArgument (lede mentions NAME)', () => {
  it('reads a plain name as it is, and @name exactly as the @ term of a query reads it', async () => {
    const { entityNameArgument } = await import('../../../source/core/search/query.js');
    assert.equal(entityNameArgument(' vladimir putin '), 'vladimir putin');
    assert.equal(entityNameArgument('under_score'), 'under_score', 'only the @ form turns _ into a space');
    for (const written of ['@vladimir_putin', '@"vladimir putin"', '@"vladimir putin']) {
      const [term] = parseQuery(written).groups[0]!;
      assert.equal(entityNameArgument(written), term!.text, written);
    }
    assert.equal(entityNameArgument('@'), '');
  });
});
