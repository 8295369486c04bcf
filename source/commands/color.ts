/**
 * Whether the command line's output gets colour, decided as rg and grep --color=auto do: on a
 * terminal only, never under NO_COLOR (no-color.org: any non-empty value), and FORCE_COLOR to
 * ask for it anyway (0 to refuse it), so a pipe always gets plain text.
 */
export function colorOutput(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}
