/** node-pty for the benchmarks that run lede in a pseudo-terminal, or why it cannot be loaded. */
export async function loadPty(): Promise<typeof import('node-pty') | { unavailable: string }> {
  try {
    const mod = (await import('node-pty')) as typeof import('node-pty') & { default?: typeof import('node-pty') };
    return typeof mod.spawn === 'function' ? mod : mod.default!;
  } catch (error) {
    return { unavailable: `node-pty unavailable: ${(error as Error).message}` };
  }
}
