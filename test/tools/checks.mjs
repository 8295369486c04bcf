// `npm test`'s checks before the tests: the typecheck, the lint and the build, side by side (each is
// one thread, and a fresh clone's typecheck and lint are ~15 s of CPU each), each one's output
// printed whole once it ends, in that order. Exits non-zero when any of them fails.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ script, ok: false, output: Buffer.from(`${error.message}\n`) }));
    child.on('close', (code) => resolve({ script, ok: code === 0, output: Buffer.concat(output) }));
  });
}

const results = await Promise.all(['typecheck', 'lint', 'build'].map(run));
for (const { script, ok, output } of results) {
  process.stdout.write(output);
  if (!ok) console.error(`npm test: ${script} failed`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
