import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A throwaway folder for walker and loader tests. `files` maps relative paths to contents
 * (a string or bytes); `links` maps relative link paths to their targets.
 */
export async function makeTree(
  files: Record<string, string | Uint8Array>,
  links: Record<string, string> = {},
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'lede-load-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    if (path.endsWith('/')) await mkdir(join(root, path), { recursive: true });
    else await writeFile(join(root, path), content);
  }
  for (const [path, target] of Object.entries(links)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await symlink(target, join(root, path));
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
