/** Characters JSON.stringify leaves raw that a terminal would act on: C1 controls and bidi controls. */
const UNSAFE_IN_TERMINAL = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for `--json` output, safe to print on a terminal: JSON.stringify escapes C0 controls but
 * not C1 (the 8-bit CSI 0x9B) or bidi overrides, which can come from file names. Those are
 * written as \\uXXXX escapes, so the JSON still parses to exactly the same strings.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_TERMINAL,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
