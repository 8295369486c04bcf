// Slow tier: two dozen runs of the built CLI over 200 articles, each loading the model, ~20 s of CPU.
// The entity commands of the built CLI on a library the library cache keeps: the first run saves
// the library entity index beside it (as the app does), the next ones load it; a tampered index is
// said in one line on stderr, rebuilt, and the output stays what it was; and a reader that stops
// early (`| head`) ends lede quietly, with no stack trace.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTempDir, writeOldArticles } from './fixtures';
import { cliPath, repoRoot } from './terminal';

const temp = makeTempDir('lede-e2e-cli-saved-index-');
const cache = join(temp.dir, 'cache');
const config = join(temp.dir, 'config');
const news = join(temp.dir, 'news');
const env = { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', LEDE_CACHE_DIR: cache, LEDE_CONFIG_DIR: config };

const PARAGRAPHS = [
  'Gordon Brown, the Prime Minister, visited Leeds on Monday. Brown said the Labour Party would win the election.',
  'Tony Blair met Nicolas Sarkozy in Paris. Blair and Sarkozy spoke of Europe for an hour.',
  'In Moscow, Vladimir Putin told reporters that Russia would not change course. Putin smiled.',
  'The European Union said on Tuesday that talks with Turkey would go on in Brussels.',
];

before(() => {
  // More articles than the library cache's minimum, with enough entities that the JSON is far more than a pipe holds.
  writeOldArticles(news, 200, (i) => `Story ${i} from the wires\n\n${[0, 1, 2, 3].map((k) => PARAGRAPHS[(i + k) % PARAGRAPHS.length]).join('\n\n')}\n`);
});
after(() => temp.remove());

function lede(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env, maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const savedIndex = () => readdirSync(join(cache, 'library')).filter((f) => f.endsWith('.entity-index') && !f.endsWith('.corrected-entity-index'));
const correctedIndex = () => readdirSync(join(cache, 'library')).filter((f) => f.endsWith('.corrected-entity-index'));

test('entities --library and mentions: built and saved on the first run, loaded after, tampered → one line, rebuilt, the same output', () => {
  const commands = [
    ['entities', '--library', news, '--json'],
    ['mentions', 'Brown', news, '--json'],
    ['mentions', 'Putin', news, '--csv'],
    ['entities', news, '--json'],
    // `@name` highlights read each article's entities back with the index loaded.
    ['search', '@putin | leeds', news, '--json', '--limit', '50'],
  ];
  const first = commands.map((args) => lede(args));
  for (const [k, run] of first.entries()) {
    assert.equal(run.status, 0, `${commands[k]!.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr, '');
  }
  const library = JSON.parse(first[0]!.stdout) as { entities: { name: string; articles: number }[] };
  assert.ok(library.entities.some((e) => /Brown/.test(e.name) && e.articles === 200), first[0]!.stdout.slice(0, 400));
  assert.equal((JSON.parse(first[3]!.stdout) as unknown[]).length, 200);
  assert.match(first[2]!.stdout, /^path,id,title,field,start,end,text,context\r\n/);
  const hits = (JSON.parse(first[4]!.stdout) as { results: { matches: { end: number; start: number }[] }[] }).results;
  assert.equal(hits.length, 50);
  assert.ok(hits.every((h) => h.matches.some((m) => m.end - m.start === 'Vladimir Putin'.length)), 'Vladimir Putin highlighted where @putin matched');
  const [file] = savedIndex();
  assert.ok(file, 'the index is saved beside the library cache');
  const path = join(cache, 'library', file);
  const saved = readFileSync(path);

  // Loaded: the same output, nothing said, the file left as it was.
  for (const [k, args] of commands.entries()) assert.deepEqual(lede(args), first[k], args.join(' '));
  assert.deepEqual(readFileSync(path), saved);

  // Tampered: one line on stderr, rebuilt, the same data on stdout, and written right again.
  const tampered = Buffer.from(saved);
  tampered[tampered.length - 5]! ^= 0x01;
  writeFileSync(path, tampered);
  const rebuilt = lede(commands[0]!);
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  assert.equal(rebuilt.stdout, first[0]!.stdout);
  assert.match(rebuilt.stderr, /^lede: entity index cache: ignored .*\.entity-index \(bytes changed since written\); rebuilt\n$/);
  assert.doesNotMatch(rebuilt.stderr, /\n\s+at /);
  assert.deepEqual(readFileSync(path), saved, 'saved again as it was');
  for (const [k, args] of commands.entries()) assert.deepEqual(lede(args), first[k], `${args.join(' ')} after the rebuild`);

  // With a correction: applied to the loaded index, and the saved one stays the uncorrected one;
  // the index under the correction is saved beside it, loaded by the next run (the file left as it
  // was), and a tampered one is said, rebuilt and saved right again.
  assert.equal(lede(['correct', 'hide', 'Vladimir Putin']).status, 0);
  const corrected = lede(commands[0]!);
  assert.equal(corrected.stderr, '');
  assert.ok(!(JSON.parse(corrected.stdout) as typeof library).entities.some((e) => /Putin/.test(e.name)), 'Putin hidden');
  assert.deepEqual(readFileSync(path), saved);
  const [correctedFile] = correctedIndex();
  assert.ok(correctedFile, 'the index under the correction is saved');
  const correctedPath = join(cache, 'library', correctedFile);
  const correctedSaved = readFileSync(correctedPath);
  const underCorrection = commands.map((args) => lede(args));
  assert.deepEqual(underCorrection[0], corrected);
  assert.deepEqual(readFileSync(correctedPath), correctedSaved, 'loaded, not written again');
  const forged = Buffer.from(correctedSaved);
  forged[forged.length - 5]! ^= 0x01;
  writeFileSync(correctedPath, forged);
  const again = lede(commands[0]!);
  assert.equal(again.stdout, corrected.stdout);
  assert.match(again.stderr, /^lede: entity index cache: ignored .*\.corrected-entity-index \(bytes changed since written\); rebuilt\n$/);
  assert.deepEqual(readFileSync(correctedPath), correctedSaved, 'saved again as it was');
  for (const [k, args] of commands.entries()) assert.deepEqual(lede(args), underCorrection[k], `${args.join(' ')} under the correction, after the rebuild`);
  // Undone: the index under none, as before the correction; the copy under it is left for a redo.
  assert.equal(lede(['correct', 'undo']).status, 0);
  assert.deepEqual(lede(commands[0]!), first[0]);
});

/** Runs lede with its stdout a pipe that is closed after the first `bytes` bytes, as `| head -c` does. */
function readFirst(args: string[], bytes: number): Promise<{ status: number | null; signal: string | null; stderr: string; read: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // A hang guard, never a timing assertion.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let read = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read >= bytes) child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(guard);
      resolve({ status, signal, stderr, read });
    });
  });
}

test('a reader that stops early (| head): lede ends quietly, exit 0, nothing on stderr', async () => {
  for (const args of [
    ['entities', news, '--json'],
    ['entities', news],
    ['mentions', 'Brown', news, '--csv'],
    ['mentions', 'Brown', news, '--json'],
  ]) {
    const full = lede(args);
    assert.ok(full.stdout.length > 64 * 1024, `${args.join(' ')}: ${full.stdout.length} bytes, more than a pipe holds`);
    const run = await readFirst(args, 1000);
    assert.deepEqual({ status: run.status, signal: run.signal, stderr: run.stderr }, { status: 0, signal: null, stderr: '' }, args.join(' '));
  }
});
