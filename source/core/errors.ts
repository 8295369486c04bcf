/**
 * An error the user can fix by changing the command line (a missing path, a bad flag).
 * The CLI prints its message as one line and exits with `exitCode`, never a stack trace.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  override readonly name = 'UsageError';
}
