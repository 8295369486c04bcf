// What the reader loads before its first frame is dist/cli.js (source/start.ts), the CLI's chunk
// (source/cli.tsx), the interactive chunk, and the chunks they import statically; the rest (the entity tagger and its model, the other commands)
// loads with import() when it is used. Read from what npm run build ships.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const dist = join(new URL('../..', import.meta.url).pathname, 'dist');

/**
 * The files `entry` imports statically, itself included, transitively; a chunk the build made a
 * script (test/tools/script-chunk.mjs) is its shim, which imports what the script needs, and the
 * script the shim runs.
 */
function staticClosure(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const text = readFileSync(join(dist, file), 'utf8');
    files.set(file, text);
    for (const m of text.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)) visit((m[1] ?? m[2]) as string);
    const script = /^const __lede_exports = await runScriptChunk\(\{ url: import\.meta\.url, script: "([^"]+)"/m.exec(text)?.[1];
    if (script) files.set(script, readFileSync(join(dist, script), 'utf8'));
  };
  visit(entry);
  return files;
}

/** The source files a chunk holds, from esbuild's `// path` comments. */
const sourcesOf = (text: string) => [...text.matchAll(/^\/\/ ((?:source|node_modules)\/\S+)/gm)].map((m) => m[1] as string);

const interactiveChunk = readdirSync(dist).find((f) => /^interactive-\w+\.js$/.test(f));
const cliChunk = readdirSync(dist).find((f) => /^cli-\w+\.js$/.test(f));

/** What every command loads: the launcher's closure and the CLI chunk's. */
const commandLine = () => new Map([...staticClosure('cli.js'), ...staticClosure(cliChunk as string)]);

test('before the first frame nothing of the entity tagger loads: no model, no extractor, no stages', () => {
  assert.ok(interactiveChunk && cliChunk, 'dist/ is built by npm run build');
  assert.ok(readFileSync(join(dist, 'cli.js'), 'utf8').includes(`import("./${cliChunk}")`), 'dist/cli.js imports the CLI');
  const nlp = /^source\/core\/entities\/(model\/|stages\/|extractor|tagger|features|lexicons|model-codec|known-names|gazetteer)/;
  for (const [entry, closure] of [['the command line', commandLine()], [interactiveChunk, staticClosure(interactiveChunk)]] as const) {
    assert.ok(closure.size > 1, `${entry} imports chunks`);
    const loaded = [...closure.values()].flatMap(sourcesOf);
    assert.ok(loaded.some((s) => s.startsWith('source/')), 'the chunks name their sources');
    assert.deepEqual(loaded.filter((s) => nlp.test(s)), [], `${entry} loads no NLP module before it runs`);
  }
  // And they are there, for later: a dynamic import away.
  assert.ok(readdirSync(dist).some((f) => /^extractor-\w+\.js$/.test(f) && readFileSync(join(dist, f), 'utf8').includes('// source/core/entities/extractor.ts')));
});

/** The query syntax's description, which --help prints: the one part of the search every command has. */
const SEARCH_SYNTAX = 'source/core/search/syntax.ts';

test('lede list loads neither Ink nor React nor the search', () => {
  const loaded = [...commandLine().values()].flatMap(sourcesOf);
  assert.deepEqual(loaded.filter((s) => /^node_modules\/(ink|react|react-reconciler|yoga-layout|fuse\.js)\//.test(s) || (s.startsWith('source/core/search/') && s !== SEARCH_SYNTAX)), []);
  assert.ok(loaded.some((s) => s.startsWith('node_modules/meow/')), 'meow parses the arguments of every command');
});

test('lede search of words loads neither Ink nor React nor the entity code: @name terms import it when used', () => {
  const searchChunk = readdirSync(dist).find((f) => /^search-\w+\.js$/.test(f));
  assert.ok(searchChunk, 'the search command is a chunk of its own');
  const loaded = [...commandLine().values(), ...staticClosure(searchChunk).values()].flatMap(sourcesOf);
  assert.ok(loaded.includes('source/core/search/library-search.ts'), 'the search chunk holds the search');
  assert.deepEqual(loaded.filter((s) => /^node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(s) || s.startsWith('source/core/entities/') || s === 'source/commands/entities.ts'), []);
  // And the entity code is there, for a query with @names: a dynamic import away.
  assert.match(readFileSync(join(dist, searchChunk), 'utf8'), /import\("\.\/entities-\w+\.js"\)/);
});
