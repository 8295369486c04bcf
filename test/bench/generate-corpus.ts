/**
 * Deterministic synthetic news corpus for the search benchmarks.
 *
 *   node --import tsx test/bench/generate-corpus.ts --generate 2000 --out /tmp/corpus [--seed 1]
 *
 * Every article is a .txt file: a title line, a blank line, then 300–1,200 words in paragraphs
 * separated by blank lines (the format of the bundled articles). Words come from a Zipf-distributed
 * mix of common English words, a long tail of rare pseudo-words (so the vocabulary keeps growing
 * with the corpus, as real news vocabularies do), people, places and organisations (some with
 * diacritics), numbers and dates; about one word in 400 carries a typo. Same seed, same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from '../helpers/prng.js';

export { prng };


const COMMON = `the of and to a in that is for on said with was as he it by at from his have be has are an not
this but had they who were been their which will its after also would more one new about there up than
two last over when year first out can into people other government all years some could told against she
her we what state before no minister president officials country military forces security week since
under while three them police only between during where most president's because because told including
support talks war attack region city local international foreign national political economic public power
peace deal agreement meeting statement report reports news media source sources official spokesman spokeswoman
leader leaders party election vote parliament court law decision plan plans policy policies sanctions trade
market markets oil gas energy prices price economy growth bank banks money budget tax taxes billion million
percent percentage rate rates inflation crisis conflict border borders troops army navy air strike strikes
missile missiles rocket rockets drone drones weapons nuclear programme program talks negotiations ceasefire
humanitarian aid refugees civilians killed wounded injured dead death deaths hospital hospitals health
water food children women men families homes town towns village villages area areas province capital
north south east west northern southern eastern western central across near around through without within
again still just even however although though despite amid among toward towards against along
day days month months time times today yesterday tomorrow monday tuesday wednesday thursday friday saturday
sunday morning evening night week weeks earlier later recent recently previously already soon now then
say says saying asked added noted warned called urged announced confirmed denied rejected accused claimed
agreed refused expected continued began started ended held took made gave came went left met visited
spoke signed launched opened closed raised cut increased decreased reached seized captured destroyed
built sent received returned arrived remained became seemed appeared believed thought knew wanted needed
help helped helping support supported supporting control controlled controlling protect protected
important major key senior former current possible likely clear strong large small high low long short
good bad best worst big little early late full whole certain several many much few less least each every
both either neither such same different own other another whether if so very too quite rather
question questions answer issue issues problem problems effort efforts move moves step steps response
situation position role interest interests relations relationship ties cooperation pressure threat threats
risk risks concern concerns fear fears hope hopes need needs right rights freedom justice order rule rules
system systems process service services company companies industry workers jobs business businesses
investment investors share shares stock stocks dollar euro currency debt loan loans fund funds
analyst analysts expert experts observers critics supporters residents protesters activists journalists
community communities society group groups member members organisation organization committee council
operation operations campaign campaigns mission missions project projects program deadline timeline
history future past present level levels number numbers part parts side sides end beginning middle
world global regional domestic internal external diplomatic diplomat diplomats ambassador embassy
intelligence agency agencies service ministry department office spokesperson administration cabinet`.split(/\s+/);

const FIRST = ['Benjamin', 'Vladimir', 'Sergei', 'Emmanuel', 'Angela', 'Olaf', 'Recep', 'Hassan', 'Ali', 'Mohammed', 'Joe', 'Donald',
  'Xi', 'Narendra', 'Ursula', 'Antony', 'Lloyd', 'Volodymyr', 'Mahmoud', 'Bashar', 'Ebrahim', 'Hossein', 'Avigdor', 'Naftali',
  'Yair', 'Benny', 'Rishi', 'Keir', 'Giorgia', 'Pedro', 'Luiz', 'Javier', 'Sheikh', 'Abdullah', 'Tamim', 'Ilham', 'Nikol',
  'Aleksandar', 'Zoran', 'José', 'François', 'Søren', 'Łukasz', 'Jürgen', 'Małgorzata', 'Žarko', 'Ahmet', 'Ayşe', 'Çağla'];
const LAST = ['Netanyahu', 'Putin', 'Shoigu', 'Lavrov', 'Macron', 'Merkel', 'Scholz', 'Erdoğan', 'Rouhani', 'Khamenei', 'Salman',
  'Biden', 'Trump', 'Jinping', 'Modi', 'von der Leyen', 'Blinken', 'Austin', 'Zelenskyy', 'Abbas', 'Assad', 'Raisi',
  'Salami', 'Lieberman', 'Bennett', 'Lapid', 'Gantz', 'Sunak', 'Starmer', 'Meloni', 'Sánchez', 'Lula', 'Milei', 'Nasrallah',
  'Zarif', 'Aliyev', 'Pashinyan', 'Vučić', 'Gerasimov', 'Peskov', 'Zakharova', 'Nebenzya', 'Guterres', 'Stoltenberg',
  'Borrell', 'Kurz', 'Orbán', 'Duda', 'Tusk', 'Kaczyński', 'Fernández', 'Müller', 'Gündoğan', 'Østergaard', 'Hernández'];
const PLACES = ['Syria', 'Israel', 'Iran', 'Russia', 'Moscow', 'Tehran', 'Damascus', 'Jerusalem', 'Tel Aviv', 'Gaza', 'Lebanon',
  'Beirut', 'Turkey', 'Ankara', 'Istanbul', 'Iraq', 'Baghdad', 'Ukraine', 'Kyiv', 'Kharkiv', 'Donetsk', 'Crimea', 'Washington',
  'London', 'Paris', 'Berlin', 'Brussels', 'Geneva', 'Vienna', 'Doha', 'Riyadh', 'Cairo', 'Amman', 'Golan Heights', 'Idlib',
  'Aleppo', 'Homs', 'Latakia', 'Quneitra', 'Deir ez-Zor', 'Yemen', 'Sanaa', 'Baku', 'Yerevan', 'Belgrade', 'Kraków', 'Bogotá',
  'São Paulo', 'Zürich', 'Malmö', 'Reykjavík', 'Gdańsk', 'Île-de-France', 'Córdoba', 'Düsseldorf', 'Beijing', 'New Delhi'];
const ORGS = ['Hezbollah', 'Hamas', 'NATO', 'the United Nations', 'the European Union', 'the Kremlin', 'the Pentagon',
  'the IAEA', 'the Revolutionary Guards', 'Quds Force', 'the Security Council', 'OPEC', 'the World Bank', 'the IMF',
  'Gazprom', 'Rosneft', 'Reuters', 'Al Jazeera', 'TASS', 'Interfax', 'the Red Cross', 'Amnesty International',
  'Human Rights Watch', 'the Arab League', 'the Knesset', 'the Duma', 'the White House', 'the State Department',
  'Mossad', 'the IDF', 'Wagner Group', 'Société Générale', 'Deutsche Bank', 'Nestlé', 'Škoda', 'Citroën'];
const ROLES = ['Prime Minister', 'President', 'Defense Minister', 'Foreign Minister', 'spokesman', 'Chief of Staff',
  'ambassador', 'envoy', 'commander', 'Supreme Leader', 'opposition leader', 'Interior Minister', 'Finance Minister'];
const TITLE_VERBS = ['Warns', 'Says', 'Offers', 'Rejects', 'Backs', 'Slams', 'Meets', 'Urges', 'Accuses', 'Vows', 'Signals',
  'Threatens', 'Denies', 'Hails', 'Calls for', 'Pushes', 'Weighs', 'Considers', 'Eyes', 'Defends'];
const TITLE_OBJECTS = ['Sanctions Relief', 'Ceasefire Talks', 'New Strikes', 'Peace Deal', 'Troop Withdrawal', 'Oil Exports',
  'Nuclear Deal', 'Border Security', 'Arms Sales', 'Aid Package', 'Prisoner Swap', 'Gas Pipeline', 'Military Drills',
  'Election Results', 'Trade Agreement', 'Refugee Returns', 'Air Defence', 'Drone Attacks', 'Grain Corridor'];

const SYLLABLES = ['ka', 'lo', 'mer', 'tin', 'vas', 'del', 'ro', 'nu', 'sha', 'bri', 'gon', 'tel', 'mi', 'quor', 'pla', 'zen',
  'dor', 'fi', 'lux', 'ter', 'an', 'os', 'ven', 'cal', 'pre', 'sul', 'ith', 'mo', 'rak', 'sen', 'ul', 'ba', 'cor', 'dis'];

function rareWords(random: () => number, count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    const suffix = random();
    if (suffix < 0.15) w += 'ing';
    else if (suffix < 0.3) w += 'ed';
    else if (suffix < 0.4) w += 's';
    out.add(w);
  }
  return [...out];
}

/** Sampler for ranks 0..n-1 with P(r) ∝ 1/(r+1)^s (inverse CDF by binary search). */
function zipf(n: number, s: number): (random: () => number) => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
  return (random) => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function typo(word: string, random: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = random();
  if (kind < 0.4) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
  if (kind < 0.6) return word.slice(0, i) + word.slice(i + 1); // drop
  if (kind < 0.8) return word.slice(0, i) + word[i] + word.slice(i); // double
  return word.slice(0, i) + 'aeiourstln'[Math.floor(random() * 10)] + word.slice(i + 1); // substitute
}

export interface GeneratedArticle {
  name: string;
  title: string;
  body: string;
}

export function* generateArticles(count: number, seed = 1): Generator<GeneratedArticle> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const rare = rareWords(prng(seed ^ 0x9e3779b9), 60000);
  const common = zipf(COMMON.length, 1.0);
  const tail = zipf(rare.length, 0.9);
  // Names are Zipf-distributed too: a few people and places are everywhere, most are rare.
  const lastRank = zipf(LAST.length, 1.1);
  const placeRank = zipf(PLACES.length, 1.0);
  const orgRank = zipf(ORGS.length, 1.0);
  const person = (): string => {
    const last = LAST[lastRank(random)]!;
    return random() < 0.4 ? `${pick(FIRST)} ${last}` : last;
  };
  const place = (): string => PLACES[placeRank(random)]!;
  const entity = (): string => {
    const r = random();
    if (r < 0.4) return person();
    if (r < 0.75) return place();
    return ORGS[orgRank(random)]!;
  };
  const word = (): string => {
    const r = random();
    if (r < 0.8) return COMMON[common(random)]!;
    if (r < 0.9) return rare[tail(random)]!;
    if (r < 0.94) return String(Math.floor(random() * (random() < 0.5 ? 100 : 10000)));
    return entity();
  };
  const sentence = (): string => {
    const parts: string[] = [];
    if (random() < 0.12) parts.push(`${person()}, the ${pick(ROLES)} of ${place()}, said`);
    const n = 8 + Math.floor(random() * 22);
    for (let i = 0; i < n; i++) {
      let w = word();
      if (random() < 0.0025) w = typo(w, random);
      parts.push(w);
      if (random() < 0.06 && i < n - 1) parts[parts.length - 1] += ',';
    }
    let s = parts.join(' ');
    s = s[0]!.toUpperCase() + s.slice(1);
    if (random() < 0.1) s = `"${s}," ${person()} told ${pick(ORGS)}.`;
    else s += random() < 0.05 ? '?' : '.';
    return s;
  };
  for (let k = 0; k < count; k++) {
    const title = `${LAST[lastRank(random)]!} ${pick(TITLE_VERBS)} ${place()} ${pick(TITLE_OBJECTS)}${random() < 0.3 ? ` After ${pick(ORGS).replace(/^the /, '')} Talks` : ''}`;
    const target = 300 + Math.floor(random() * 901);
    const paragraphs: string[] = [];
    let words = 0;
    while (words < target) {
      const sentences: string[] = [];
      const m = 1 + Math.floor(random() * 4);
      for (let i = 0; i < m && words < target; i++) {
        const s = sentence();
        words += s.split(' ').length;
        sentences.push(s);
      }
      paragraphs.push(sentences.join(' '));
    }
    const slug = title.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').slice(0, 40).replace(/-+$/, '');
    yield { name: `${String(k).padStart(6, '0')}_${slug}.txt`, title, body: paragraphs.join('\n\n') };
  }
}

export function writeCorpus(count: number, out: string, seed = 1): number {
  mkdirSync(out, { recursive: true });
  let written = 0;
  for (const a of generateArticles(count, seed)) {
    writeFileSync(join(out, a.name), `${a.title}\n\n${a.body}\n`);
    written++;
  }
  return written;
}

function main(argv: string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = Number(arg('--generate') ?? '');
  const out = arg('--out');
  if (!Number.isInteger(count) || count <= 0 || !out) {
    process.stderr.write('usage: generate-corpus.ts --generate N --out DIR [--seed S]\n');
    process.exit(2);
  }
  const seed = Number(arg('--seed') ?? '1');
  const started = performance.now();
  const n = writeCorpus(count, out, seed);
  process.stdout.write(`${JSON.stringify({ articles: n, out, seed, ms: Math.round(performance.now() - started) })}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
