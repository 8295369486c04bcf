/**
 * The first option typed on the command line that lede does not know, exactly as it was typed
 * (`--josn`, `-x`, `--widht=40`), so the error can quote it: meow only reports flags camel-cased.
 */
export interface KnownOptions {
  /** Long names, as typed after `--`. Booleans may also be written `--no-NAME`. */
  long: ReadonlySet<string>;
  /** Single-letter names, as typed after `-` (several may be joined: `-Lh`). */
  short: ReadonlySet<string>;
}

export function unknownOption(argv: readonly string[], known: KnownOptions): string | undefined {
  for (const arg of argv) {
    if (arg === '--') return undefined;
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0]!;
      if (!known.long.has(name) && !(name.startsWith('no-') && known.long.has(name.slice(3)))) return arg;
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      // `-L`, `-Lh`; a negative number is a value, not an option.
      if ([...arg.slice(1)].some((letter) => !known.short.has(letter))) return arg;
    }
  }
  return undefined;
}
