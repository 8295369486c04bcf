/**
 * The rules for today's news on top of the tagger (organizations, products and works, names),
 * each tested through resolveEntities with hand-made tagger spans and a tiny hand-made
 * gazetteer, so a test says what the rule does whatever the weights say.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docCasing, type TagType } from '../../../source/core/entities/features.js';
import { resolveEntities } from '../../../source/core/entities/resolve.js';
import { contextCue } from '../../../source/core/entities/stages/cues.js';
import type { KnownNames } from '../../../source/core/entities/stages/context.js';
import { sentenceRanges, tokenize } from '../../../source/core/entities/tokenize.js';
import { spanOf } from '../../helpers/entities.js';

const PLACES = new Set(['washington', 'london', 'helsinki', 'qatar', 'detroit', 'turin', 'syria', 'finland', 'brooklyn', 'houston', 'florida']);
const NAMES = new Set(['washington', 'keir', 'gordon', 'lee', 'kim', 'michael', 'jordan', 'mohammed', 'salman', 'bill', 'ford', 'mark', 'cole', 'palmer']);
const COMPANIES = new Set(['Nvidia', 'Ford', 'Boeing']);
const known: KnownNames = {
  isPlace: (words) => PLACES.has(words.join(' ').toLowerCase()),
  isCountry: (words) => ['qatar', 'syria', 'finland'].includes(words.join(' ').toLowerCase()),
  isPersonName: (word) => NAMES.has(word.toLowerCase()),
  isCommonWord: (lower) => ['switch', 'next', 'game', 'said'].includes(lower),
  isCompany: (word) => COMPANIES.has(word),
  isOrganization: () => false,
};

/**
 * Entities of `text` when the tagger found `spans` ([phrase, type, nth]), as
 * "type:name=alias|alias" strings sorted, each with its mention count.
 */
function entities(text: string, spans: Array<[string, TagType, number?]>): string[] {
  const tokens = tokenize(text);
  const sentences = sentenceRanges(text, tokens);
  const casing = docCasing(sentences.map(([s, e]) => tokens.slice(s, e).map((t) => t.text)));
  const tagged = spans.map(([phrase, type, nth]) => spanOf(tokens, phrase, type, nth)).sort((a, b) => a.start - b.start);
  return resolveEntities(text, tokens, sentences, tagged, casing, undefined, known)
    .map((e) => `${e.type}:${[e.name, ...e.aliases].join('=')} x${e.mentions.length}`)
    .sort();
}

// --- names ---

test('a surname with an Arabic particle is the bare surname ("Abdel Fattah al-Burhan" = "Burhan")', () => {
  const got = entities('Army chief Abdel Fattah al-Burhan spoke. Burhan said no.', [
    ['Abdel Fattah al-Burhan', 'PER'],
    ['Burhan', 'PER'],
  ]);
  assert.deepEqual(got, ['person:Abdel Fattah al-Burhan=Burhan x2']);
});

test('a person named by a given name the article gives in full is that person ("Sir Keir", "Lee" of "Lee Jae-myung")', () => {
  assert.deepEqual(entities('Keir Starmer spoke. Later Sir Keir said no.', [['Keir Starmer', 'PER'], ['Keir', 'PER']]), ['person:Keir Starmer=Keir x2']);
  assert.deepEqual(entities('Lee Jae-myung won. Lee thanked voters.', [['Lee Jae-myung', 'PER'], ['Lee', 'PER']]), ['person:Lee Jae-myung=Lee x2']);
  assert.deepEqual(
    entities('President Luiz Inácio Lula da Silva spoke. Lula told delegates.', [['Luiz Inácio Lula da Silva', 'PER'], ['Lula', 'PER']]),
    ['person:Luiz Inácio Lula da Silva=Lula x2'],
  );
});

test('a given name is not merged into a place, nor when two full names share it and none came before', () => {
  // "Washington" the city is no "Washington Sundar".
  assert.deepEqual(entities('Washington Sundar bowled. Talks in Washington ended.', [['Washington Sundar', 'PER'], ['Washington', 'LOC']]), [
    'person:Washington Sundar x1',
    'place:Washington x1',
  ]);
  // Two people called Michael: the bare "Michael" goes to the one named most recently before it.
  const got = entities('Michael Jordan met Michael Palmer. Michael laughed.', [['Michael Jordan', 'PER'], ['Michael Palmer', 'PER'], ['Michael', 'PER', 2]]);
  assert.deepEqual(got, ['person:Michael Jordan x1', 'person:Michael Palmer=Michael x2']);
});

test('person names tagged apart at "bin" or "van" are one name, and so is a known given name left untagged before one', () => {
  assert.deepEqual(entities('Sheikh Mohammed bin Abdulrahman Al Thani spoke.', [['Mohammed', 'PER'], ['Abdulrahman Al Thani', 'PER']]), ['person:Mohammed bin Abdulrahman Al Thani x1']);
  assert.deepEqual(entities('Crown Prince Mohammed bin Salman spoke.', [['Salman', 'PER']]), ['person:Mohammed bin Salman x1']);
  // Not across other words, nor an unknown word.
  assert.deepEqual(entities('Then Kim and Lee left.', [['Kim', 'PER'], ['Lee', 'PER']]), ['person:Kim x1', 'person:Lee x1']);
  assert.deepEqual(entities('Crown Prince Zzyx bin Salman spoke.', [['Salman', 'PER']]), ['person:Salman x1']);
});

test('a name and the name it is "known as" are one entity', () => {
  const got = entities('Its commander, Mohamed Hamdan Dagalo, widely known as Hemedti, spoke. Hemedti left.', [
    ['Mohamed Hamdan Dagalo', 'PER'],
    ['Hemedti', 'PER'],
  ]);
  assert.deepEqual(got, ['person:Mohamed Hamdan Dagalo=Hemedti x3']);
  // With an article: "the Workers' Party, known as the PT".
  assert.deepEqual(entities('The Workers Party, known as the PT, spoke. The PT left.', [['Workers Party', 'ORG'], ['PT', 'ORG'], ['PT', 'ORG', 1]]), ['organization:Workers Party=PT x3']);
});

// --- organizations: short forms and acronyms ---

test("an organization's short forms join its full name: without its head, the head alone, its first word", () => {
  assert.deepEqual(entities('The Treasury Department acted. The Treasury said so.', [['Treasury Department', 'ORG'], ['Treasury', 'ORG']]), [
    'organization:Treasury Department=Treasury x2',
  ]);
  assert.deepEqual(entities('The European Commission fined Apple. The Commission said so.', [['European Commission', 'ORG'], ['Apple', 'ORG'], ['Commission', 'ORG']]), [
    'organization:Apple x1',
    'organization:European Commission=Commission x2',
  ]);
  assert.deepEqual(entities('JPMorgan Chase gained. JPMorgan said so.', [['JPMorgan Chase', 'ORG'], ['JPMorgan', 'ORG']]), ['organization:JPMorgan Chase=JPMorgan x2']);
  // Two commissions: "the Commission" is neither.
  assert.equal(
    entities('The European Commission and the Election Commission met. The Commission said so.', [
      ['European Commission', 'ORG'],
      ['Election Commission', 'ORG'],
      ['Commission', 'ORG', 2],
    ]).length,
    3,
  );
  // A place is no organization's short form ("Qatar" of "Qatar Fund").
  assert.deepEqual(entities('Qatar said the Qatar Fund would pay.', [['Qatar', 'LOC'], ['Qatar Fund', 'ORG']]), ['organization:Qatar Fund x1', 'place:Qatar x1']);
});

test("an organization's first word joins it even where the tagger read it as a person nobody is, and the entity is an organization", () => {
  assert.deepEqual(entities('Goldman Sachs gained. Solomon said Goldman’s pipeline grew.', [['Goldman Sachs', 'ORG'], ['Solomon', 'PER'], ['Goldman', 'PER']]), [
    'organization:Goldman Sachs=Goldman x2',
    'person:Solomon x1',
  ]);
  // A person the article names in full has that surname: "Goldman" stays apart.
  assert.deepEqual(
    entities('Mark Goldman joined Goldman Sachs. Goldman said so.', [['Mark Goldman', 'PER'], ['Goldman Sachs', 'ORG'], ['Goldman', 'PER', 1]]),
    ['organization:Goldman Sachs x1', 'person:Mark Goldman=Goldman x2'],
  );
});

test('a clipped first word read as an organization joins the one organization it clips ("the Fed" of "Federal Reserve")', () => {
  assert.deepEqual(entities('The Federal Reserve cut rates. Fed chair Jerome Powell spoke.', [['Federal Reserve', 'ORG'], ['Fed', 'ORG'], ['Jerome Powell', 'PER']]), [
    'organization:Federal Reserve=Fed x2',
    'person:Jerome Powell x1',
  ]);
  // Two organizations it could clip: neither.
  assert.equal(entities('The Federal Reserve and the Federal Court met. The Fed spoke.', [['Federal Reserve', 'ORG'], ['Federal Court', 'ORG'], ['Fed', 'ORG']]).length, 3);
});

test('an acronym the article does not define joins the one name it fits ("UAE"), an Arabic particle giving no letter', () => {
  assert.deepEqual(entities('The United Arab Emirates denied it. The UAE said so.', [['United Arab Emirates', 'LOC'], ['UAE', 'LOC']]), [
    'place:United Arab Emirates=UAE x2',
  ]);
  assert.deepEqual(entities('Its Hayat Tahrir al-Sham (HTS) rebels won. HTS rules.', [['Hayat Tahrir al-Sham', 'ORG'], ['HTS', 'ORG', 1]]), [
    'organization:Hayat Tahrir al-Sham=HTS x3',
  ]);
  // Never a person's: "DA" is not "Dan Andrews".
  assert.deepEqual(entities('Dan Andrews met the DA.', [['Dan Andrews', 'PER'], ['DA', 'ORG']]), ['organization:DA x1', 'person:Dan Andrews x1']);
});

// --- organizations: context cues ---

test('context cues: the phrases news writes only around an organization, or a place', () => {
  const cue = (text: string, name: string) => {
    const tokens = tokenize(text);
    const span = spanOf(tokens, name, 'ORG');
    return contextCue({ tokens, known }, span.start, span.end);
  };
  for (const [text, name] of [
    ['Shares in Nokia rose.', 'Nokia'],
    ['Nvidia took a stake in Nokia.', 'Nokia'],
    ['Nokia chief executive Justin Hotard said so.', 'Nokia'],
    ["Nokia's shares rose.", 'Nokia'],
    ['It bought Infinera, a US maker of networking gear.', 'Infinera'],
    ['said Mat Piscatella, an analyst at Circana, a research firm that tracks sales.', 'Circana'],
    ['Analysts at Inderes in Helsinki said so.', 'Inderes'],
    ['Apple, which is based in Cupertino, said so.', 'Apple'],
    ['Stellantis, which owns Fiat, said so.', 'Stellantis'],
    ['Shares in chipmaker Nvidia slipped.', 'Nvidia'],
    ['Jordan owns a stake in the Charlotte Hornets.', 'Charlotte Hornets'],
    ['It was published by Cape, an imprint of Penguin Random House.', 'Penguin Random House'],
    ['Waymo, a unit of Alphabet, said so.', 'Alphabet'],
    ["Meta's chief global affairs officer said so.", 'Meta'],
    ['Stellantis chief Antonio Filosa said so.', 'Stellantis'],
    ['It is funded by Crankstart, the foundation of the investor Michael Moritz.', 'Crankstart'],
    ['The Institute of Economic Affairs, a free-market think tank in London, said so.', 'Institute of Economic Affairs'],
    ['Both sides returned to talks at Acas, the conciliation service.', 'Acas'],
  ] as const) {
    assert.equal(cue(text, name), 'organization', text);
  }
  assert.equal(cue('They fled to the town of Tawila.', 'Tawila'), 'place');
  assert.equal(cue('He flew to Khartoum, the capital, on Monday.', 'Khartoum'), 'place');
  assert.equal(cue('Troops took the Yarmouk refugee camp.', 'Yarmouk'), 'place');
  assert.equal(cue('Shelling hit the Hajar district and Idlib province.', 'Hajar'), 'place');
  assert.equal(cue('Shelling hit the Hajar district and Idlib province.', 'Idlib'), 'place');
  // A capitalised head is a name's own ("Kowloon District Council"), a camp alone a side's ("the Biden camp").
  assert.equal(cue('The Kowloon District Council met.', 'Kowloon'), null);
  assert.equal(cue('The Biden camp said so.', 'Biden'), null);
  assert.equal(cue('Rival Ryanair said it had added seats.', 'Ryanair'), 'not-person');
  // Nothing said: an attribution is no apposition ("Kinshasa, the agency said"), a market's shares are no company's.
  for (const [text, name] of [
    ['Rebels took Kinshasa, the agency said.', 'Kinshasa'],
    ['Shares in London rose.', 'London'],
    ['German shares fell.', 'German'],
    ['Nokia said on Tuesday.', 'Nokia'],
    ["London's chief planner said so.", 'London'],
    // "service" says an organization only in apposition: before a name it is a person's ("secret service agent").
    ['The service Vaas ran was closed.', 'Vaas'],
  ] as const) {
    assert.equal(cue(text, name), null, text);
  }
});

test('a context cue types the whole entity, over the tagger; a person named in full keeps its type', () => {
  const starts = (text: string, phrase: string, type: 'PER' | 'LOC' | 'ORG', n: number) => {
    const tokens = tokenize(text);
    const s = new Float32Array(tokens.length * 5);
    for (let k = 0; k < n; k++) s[spanOf(tokens, phrase, type, k).start * 5 + { PER: 1, LOC: 2, ORG: 3 }[type]] = 900;
    return s;
  };
  const run = (text: string, spans: Array<[string, TagType, number?]>, scores?: Float32Array) => {
    const tokens = tokenize(text);
    const sentences = sentenceRanges(text, tokens);
    const casing = docCasing(sentences.map(([s, e]) => tokens.slice(s, e).map((t) => t.text)));
    const tagged = spans.map(([p, t, nth]) => spanOf(tokens, p, t, nth));
    return resolveEntities(text, tokens, sentences, tagged, casing, scores, known).map((e) => `${e.type}:${e.name} x${e.mentions.length}`);
  };
  const nokia = 'Nokia grew in Europe. Nokia cut jobs. Shares in Nokia rose.';
  // The tagger is sure each "Nokia" is a place; the cue says organization, for every mention.
  assert.deepEqual(run(nokia, [['Nokia', 'LOC']], starts(nokia, 'Nokia', 'LOC', 3)), ['organization:Nokia x3']);
  assert.deepEqual(run('Nokia grew in Europe. Nokia cut jobs.', [['Nokia', 'LOC']], starts('Nokia grew in Europe. Nokia cut jobs.', 'Nokia', 'LOC', 2)), ['place:Nokia x2']);
  // "Ford's shares" says nothing against Bill Ford, a person the article names in full.
  assert.deepEqual(run('Bill Ford spoke. Ford said no. Shares in Ford fell.', [['Bill Ford', 'PER'], ['Ford', 'PER']]), ['person:Bill Ford x3']);
  // "said it": no person, so the tagger's next choice.
  const rival = 'Rival Ryanair said it had added seats. Ryanair grew.';
  const s = starts(rival, 'Ryanair', 'PER', 2);
  for (let k = 0; k < 2; k++) s[spanOf(tokenize(rival), 'Ryanair', 'PER', k).start * 5 + 3] = 800;
  assert.deepEqual(run(rival, [['Ryanair', 'PER']], s), ['organization:Ryanair x2']);
  // ... and when the tagger had no other choice, an organization (a place that "said it" reads as one already).
  assert.deepEqual(run(rival, [['Ryanair', 'PER']], starts(rival, 'Ryanair', 'PER', 2)), ['organization:Ryanair x2']);
  // An apposition says what a name is even when it looks like a person's named in full.
  const cape = 'It was published by Jonathan Cape, an imprint of Penguin. Jonathan Cape said so.';
  assert.deepEqual(run(cape, [['Jonathan Cape', 'PER'], ['Penguin', 'ORG'], ['Jonathan Cape', 'PER', 1]], starts(cape, 'Jonathan Cape', 'PER', 2)), [
    'organization:Jonathan Cape x2',
    'organization:Penguin x1',
  ]);
});

// --- works and products (stages/works.ts): MISC, never in the panel ---

test('a title in quotes is a work, and so is every other mention of it; a quoted nickname is not', () => {
  assert.deepEqual(entities('“Anora” won. Baker said Anora was his best.', [['Anora', 'PER'], ['Anora', 'PER', 1], ['Baker', 'PER']]), ['person:Baker x1']);
  assert.deepEqual(entities('She sang “The Fate of Ophelia” in Houston.', [['Fate of Ophelia', 'PER'], ['Houston', 'LOC']]), ['place:Houston x1']);
  // "dubbed the “Iron Lady”" names a person; a film named after a person leaves the person be.
  assert.deepEqual(entities('She was dubbed the “Iron Lady” by them.', [['Iron Lady', 'PER']]), ['person:Iron Lady x1']);
  assert.deepEqual(entities('His film “Michael Collins” opened. Michael Collins died in 1922.', [['Michael Collins', 'PER'], ['Michael Collins', 'PER', 1]]), [
    'person:Michael Collins x1',
  ]);
});

test('a numbered model or mission is a product, with its series name; scores and results are not', () => {
  // Seen twice with one number, or with an owner, an article or a preposition before it.
  assert.deepEqual(entities('Nintendo sold Switch 2 consoles. Fans want Switch 2 units. The original Switch sold well.', [['Nintendo', 'ORG'], ['Switch', 'ORG', 2]]), [
    'organization:Nintendo x1',
  ]);
  assert.deepEqual(entities('Sony raised the price of its PlayStation 5 today.', [['Sony', 'ORG'], ['PlayStation', 'ORG']]), ['organization:Sony x1']);
  assert.deepEqual(entities('The Artemis II crew trained.', [['Artemis II', 'PER']]), []);
  // Results: a name with several numbers, or once after punctuation.
  assert.deepEqual(entities('Wigan 42 Bradford 36. Later Wigan 4 Chester 2.', [['Wigan', 'ORG'], ['Bradford', 'ORG'], ['Wigan', 'ORG', 1], ['Chester', 'ORG']]), [
    'organization:Bradford x1',
    'organization:Chester x1',
    'organization:Wigan x2',
  ]);
  assert.deepEqual(entities('Surrey 429 ( Mark 80 not out ).', [['Surrey', 'ORG'], ['Mark', 'PER']]), ['organization:Surrey x1', 'person:Mark x1']);
  // A monarch's number, a company's model.
  assert.deepEqual(entities('Queen Elizabeth II flew on a Boeing 747 today.', [['Elizabeth II', 'PER'], ['Boeing', 'ORG']]), ['organization:Boeing x1', 'person:Elizabeth II x1']);
});

test('a market index is no organization: a name ending in "Index", or a name before a large number with an article', () => {
  assert.deepEqual(entities('The KBW Bank Index rose.', [['KBW Bank Index', 'ORG']]), []);
  assert.deepEqual(entities('The S&P 500 rose. S&P said so.', [['S&P', 'ORG'], ['S&P', 'ORG', 1]]), []);
  // A cricket score is not one: "Surrey 429" once, after punctuation.
  assert.deepEqual(entities('Close: Surrey 429 all out.', [['Surrey', 'ORG']]), ['organization:Surrey x1']);
});

test('a name before a product noun, with an article or a count, is a product; an owner before equipment is not', () => {
  assert.deepEqual(entities('It flew on the Orion capsule.', [['Orion', 'LOC']]), []);
  assert.deepEqual(entities('Russia launched 465 Shahed drones.', [['Russia', 'LOC'], ['Shahed', 'LOC']]), ['place:Russia x1']);
  assert.deepEqual(entities('He asked for more Patriot missile systems.', [['Patriot', 'PER']]), []);
  assert.deepEqual(entities('NATO helicopters flew overhead.', [['NATO', 'ORG']]), ['organization:NATO x1']);
  assert.deepEqual(entities('He saw the Nvidia chips.', [['Nvidia', 'ORG']]), ['organization:Nvidia x1']);
});

test('an award won with a count is a work, in the singular too', () => {
  assert.deepEqual(entities('Baker won four Oscars. The Oscar went to Baker.', [['Oscars', 'ORG'], ['Oscar', 'PER'], ['Baker', 'PER'], ['Baker', 'PER', 1]]), [
    'person:Baker x2',
  ]);
});

// --- boundaries ---

test('an organization goes on past its head with "of" or "for" and capitalised words, however the tagger cut it', () => {
  assert.deepEqual(entities('Sanctions came from the Office of Foreign Assets Control on Monday.', [['Office of Foreign Assets Control', 'ORG']]), [
    'organization:Office of Foreign Assets Control x1',
  ]);
  assert.deepEqual(entities('The Qatar Fund for Development paid.', [['Qatar Fund', 'ORG'], ['Development', 'ORG']]), ['organization:Qatar Fund for Development x1']);
  assert.deepEqual(entities('The Writers Guild of America struck.', [['Writers Guild', 'ORG'], ['America', 'LOC']]), ['organization:Writers Guild of America x1']);
  // Not into a person's name, nor a company's place.
  assert.deepEqual(entities('He ran the Office of Keir Starmer.', [['Office', 'ORG'], ['Keir Starmer', 'PER']]), ['organization:Office x1', 'person:Keir Starmer x1']);
  assert.deepEqual(entities('It sold Ford Motor Co of Detroit.', [['Ford Motor Co', 'ORG'], ['Detroit', 'LOC']]), ['organization:Ford Motor Co x1', 'place:Detroit x1']);
});

test('a work its noun introduces is MISC in a span the boundaries cut later too ("Adolescence sweeps Emmys" ... "the drama Adolescence")', () => {
  const found = entities('Adolescence sweeps Emmys\n\nThe Netflix drama Adolescence won. Netflix said so.', [['Adolescence sweeps Emmys', 'PER'], ['Netflix', 'ORG'], ['Adolescence', 'PER', 1], ['Netflix', 'ORG', 1]]);
  assert.deepEqual(found.filter((e) => /Adolescence/.test(e)), []);
  assert.ok(found.includes('organization:Netflix x2'), found.join());
});

test('a broadcaster\'s number is part of its name ("Channel 4", "BBC Radio 4")', () => {
  assert.deepEqual(entities('Channel 4 and ITV were fined. It aired on BBC Radio 4 on Monday.', [['Channel', 'ORG'], ['ITV', 'ORG'], ['BBC Radio', 'ORG']]), [
    'organization:BBC Radio 4 x1',
    'organization:Channel 4 x1',
    'organization:ITV x1',
  ]);
});

test('a sentence\'s possessive is no part of the name after it ("His Workers’ Party")', () => {
  assert.deepEqual(entities('Lula spoke. His Workers’ Party has proposed a ban.', [['Lula', 'PER'], ['His Workers’ Party', 'ORG']]), ['organization:Workers’ Party x1', 'person:Lula x1']);
});

test('a name without its head word is that organization, even when another one starts with the same word ("Harvard" = "Harvard University", not "Harvard Medical School")', () => {
  assert.deepEqual(
    entities('Harvard refused. The Harvard Medical School said so. Harvard University sued.', [['Harvard', 'ORG'], ['Harvard Medical School', 'ORG'], ['Harvard University', 'ORG']]),
    ['organization:Harvard Medical School x1', 'organization:Harvard University=Harvard x2'],
  );
});

test('an organization goes on past its head with "on", past a name already linked ("Court of Appeals" for the Federal Circuit), and may say a word twice across a particle', () => {
  assert.deepEqual(entities('They appealed to the Inter-American Commission on Human Rights.', [['Inter-American Commission', 'ORG'], ['Human Rights', 'ORG']]), [
    'organization:Inter-American Commission on Human Rights x1',
  ]);
  assert.deepEqual(entities('The Court of Appeals for the Federal Circuit ruled.', [['Court of Appeals', 'ORG'], ['Federal Circuit', 'ORG']]), [
    'organization:Court of Appeals for the Federal Circuit x1',
  ]);
  assert.deepEqual(entities('The US District Court for the District of Massachusetts ruled.', [['US District Court', 'ORG'], ['District of Massachusetts', 'ORG']]), [
    'organization:US District Court for the District of Massachusetts x1',
  ]);
  // No second headed name after "and", and a word comes again only past a head's particle.
  assert.deepEqual(entities('Scientists at the University of Warwick and University College London helped.', [['University', 'ORG'], ['Warwick', 'ORG'], ['University College London', 'ORG']]), [
    'organization:University College London x1',
    'organization:University of Warwick x1',
  ]);
  assert.deepEqual(entities('Crowley manages the Stena Immaculate for Stena Bulk.', [['Crowley', 'ORG'], ['Stena Immaculate for Stena Bulk', 'ORG']]), [
    'organization:Crowley x1',
    'organization:Stena Bulk x1',
    'organization:Stena Immaculate x1',
  ]);
  assert.deepEqual(entities('Mohammed bin Salman bin Abdulaziz spoke.', [['Mohammed bin Salman bin Abdulaziz', 'PER']]), ['person:Mohammed bin Salman bin Abdulaziz x1']);
  // A centre heads a name only before its link ("Kennedy Space Center" is a site).
  assert.deepEqual(entities('The Center for Strategic Studies said so.', [['Center', 'ORG'], ['Strategic Studies', 'ORG']]), ['organization:Center for Strategic Studies x1']);
  // Never into a date, nor into a first name the tagger read as a person's.
  assert.deepEqual(entities('The Commission on Monday said no.', [['Commission', 'ORG']]), ['organization:Commission x1']);
  assert.deepEqual(entities('He ran the Office of Gordon Smith.', [['Office', 'ORG'], ['Gordon Smith', 'PER']]), ['organization:Office x1', 'person:Gordon Smith x1']);
  // A first name the tagger read inside an organization's name is the name's ("Max Planck Institute for Solar System Research").
  assert.deepEqual(entities('The Institute for Mark Research paid.', [['Institute', 'ORG'], ['Mark Research', 'ORG']]), ['organization:Institute for Mark Research x1']);
});

test('a name ending in a building\'s or a site\'s word is a place ("Dolby Theatre", "Kurdistan Region")', () => {
  assert.deepEqual(entities('They met at the Dolby Theatre.', [['Dolby Theatre', 'ORG']]), ['place:Dolby Theatre x1']);
  assert.deepEqual(entities('Oil from the Kurdistan Region flows.', [['Kurdistan Region', 'ORG']]), ['place:Kurdistan Region x1']);
  assert.deepEqual(entities('The rocket left the Vehicle Assembly Building.', [['Vehicle Assembly Building', 'ORG']]), ['place:Vehicle Assembly Building x1']);
  // Street words of other languages begin a place's name; an avenue or a castle ends one.
  assert.deepEqual(entities('He attacked on the Rue Lepic.', [['Rue Lepic', 'PER']]), ['place:Rue Lepic x1']);
  assert.deepEqual(entities('Fans lined the Avenue des Champs-Élysées.', [['Avenue des Champs-Élysées', 'ORG']]), ['place:Avenue des Champs-Élysées x1']);
  assert.deepEqual(entities('They met at Windsor Castle.', [['Windsor Castle', 'ORG']]), ['place:Windsor Castle x1']);
  // An airport may be its company ("Kansai International Airport" in CoNLL-2003).
  assert.deepEqual(entities('Shares in Kansai International Airport rose.', [['Kansai International Airport', 'ORG']]), ['organization:Kansai International Airport x1']);
});

test('a word on the company list the tagger left untagged is an organization, unless a person\'s name, a sentence\'s first word or written in lower case', () => {
  assert.deepEqual(entities('Shares rose at Nvidia on Monday, and Nvidia said so.', []), ['organization:Nvidia x2']);
  assert.deepEqual(entities('Nvidia rose on Monday.', []), []);
  // ... unless the words around it say organization.
  assert.deepEqual(entities('Nvidia chief Jensen Huang spoke.', [['Jensen Huang', 'PER']]), ['organization:Nvidia x1', 'person:Jensen Huang x1']);
  assert.deepEqual(entities('He met Ford on Monday.', []), []);
  assert.deepEqual(entities('He met Boeing staff. The boeing was loud.', []), []);
});

test('consumer goods need no article ("Air Jordan sneakers", "Brent crude"), an app store is a product, an award won untagged too', () => {
  assert.deepEqual(entities('Air Jordan sneakers sold well.', [['Air Jordan', 'ORG']]), []);
  assert.deepEqual(entities('Brent crude rose.', [['Brent', 'ORG']]), []);
  // A company's or an acronym's goods keep the owner's name.
  assert.deepEqual(entities('They sold Nvidia consoles. The BBC app is free.', [['Nvidia', 'ORG'], ['BBC', 'ORG']]), ['organization:BBC x1', 'organization:Nvidia x1']);
  assert.deepEqual(entities('Offers outside the App Store grew.', [['App Store', 'ORG']]), []);
  assert.deepEqual(entities('She won two Grammys. The Grammy was hers.', [['Grammy', 'PER']]), []);
});

test('a line that lists people makes every name in it a person, tagged or not, bar the team label and known places', () => {
  const sheet = 'Arsenal: Raya; Timber, Saliba, Gabriel, Calafiori; Rice, Saka (46 Martinelli).';
  assert.deepEqual(
    entities(sheet, [['Arsenal', 'ORG'], ['Raya', 'PER'], ['Saliba', 'PER'], ['Gabriel', 'PER'], ['Calafiori', 'PER'], ['Saka', 'LOC'], ['Martinelli', 'ORG']]),
    ['organization:Arsenal x1', 'person:Calafiori x1', 'person:Gabriel x1', 'person:Martinelli x1', 'person:Raya x1', 'person:Rice x1', 'person:Saka x1', 'person:Saliba x1', 'person:Timber x1'],
  );
  // Mostly places: nothing changes; a known place in a list of people stays a place.
  assert.deepEqual(entities('Stops: Oslo, Rome, Lyon, Porto, Bern, Riga.', [['Oslo', 'LOC'], ['Rome', 'LOC'], ['Lyon', 'LOC'], ['Porto', 'LOC'], ['Bern', 'PER'], ['Riga', 'LOC']]), [
    'person:Bern x1',
    'place:Lyon x1',
    'place:Oslo x1',
    'place:Porto x1',
    'place:Riga x1',
    'place:Rome x1',
  ]);
  assert.deepEqual(
    entities('Leaders: Norman, Price, Els, Faldo, Houston.', [['Norman', 'PER'], ['Price', 'PER'], ['Els', 'PER'], ['Faldo', 'PER'], ['Houston', 'LOC']]),
    ['person:Els x1', 'person:Faldo x1', 'person:Norman x1', 'person:Price x1', 'place:Houston x1'],
  );
});

test('a "+" written onto a name is part of it ("OPEC+"), not one between names', () => {
  assert.deepEqual(entities('Output from OPEC+ members rose.', [['OPEC', 'ORG']]), ['organization:OPEC+ x1']);
  assert.deepEqual(entities('OPEC + Russia met.', [['OPEC', 'ORG'], ['Russia', 'LOC']]), ['organization:OPEC x1', 'place:Russia x1']);
});

test('a possessive no noun follows is the name\'s own ("at Lord\'s on Monday"), not a person\'s', () => {
  assert.deepEqual(entities('They won at Lord’s on Monday.', [['Lord', 'LOC']]), ['place:Lord’s x1']);
  assert.deepEqual(entities('Shares in Ford’s rivals fell.', [['Ford', 'ORG']]), ['organization:Ford x1']);
  assert.deepEqual(entities('He read Arafat’s to them.', [['Arafat', 'PER']]), ['person:Arafat x1']);
});

test('a dateline in capitals before a dash opens a paragraph with a place; a section head with a hyphen does not', () => {
  assert.deepEqual(entities('DETROIT — Ford said so.', [['DETROIT', 'ORG'], ['Ford', 'ORG']]), ['organization:Ford x1', 'place:DETROIT x1']);
  assert.deepEqual(entities('CAPE CANAVERAL, Florida — NASA said so.', [['CAPE CANAVERAL', 'ORG'], ['Florida', 'LOC'], ['NASA', 'ORG']]), [
    'organization:NASA x1',
    'place:CAPE CANAVERAL x1',
    'place:Florida x1',
  ]);
  assert.deepEqual(entities('RUGBY UNION - Wigan won.', [['RUGBY UNION', 'ORG'], ['Wigan', 'ORG']]), ['organization:RUGBY UNION x1', 'organization:Wigan x1']);
  // Not inside a paragraph.
  assert.deepEqual(entities('He said NOKIA — not Apple.', [['NOKIA', 'ORG'], ['Apple', 'ORG']]), ['organization:Apple x1', 'organization:NOKIA x1']);
});

test('a name whose last word is, alone, a person is that person\'s full name, whatever the tagger typed it; a title before it is no given name', () => {
  assert.deepEqual(entities('Rides were a test of Elon Musk’s claim. Musk said so. Musk wrote more.', [
    ['Elon Musk', 'LOC'],
    ['Musk', 'PER', 0],
    ['Musk', 'PER', 1],
  ]), ['person:Elon Musk=Musk x3']);
  assert.ok(!entities('King Sihanouk spoke. Sihanouk left.', [['King Sihanouk', 'ORG'], ['Sihanouk', 'PER']]).some((e) => e.startsWith('person:King')));
});

test('context cues: a spokesman says no person, a reported profit says organization; a possessive or a verb after says neither', () => {
  const cue = (text: string, name: string) => {
    const tokens = tokenize(text);
    const span = spanOf(tokens, name, 'ORG');
    return contextCue({ tokens, known }, span.start, span.end);
  };
  assert.equal(cue('A Tesla spokeswoman declined to comment.', 'Tesla'), 'not-person');
  assert.equal(cue('Nokia reported a net profit of 1 billion euros.', 'Nokia'), 'organization');
  assert.equal(cue('BP posted record earnings.', 'BP'), 'organization');
  assert.equal(cue("Nokia's spokesman said so.", 'Nokia'), null);
  assert.equal(cue('Smith reported to the board.', 'Smith'), null);
});
