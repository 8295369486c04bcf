/**
 * A count as English writes it, digits in groups of three: 2225 → "2,225", the same as
 * toLocaleString('en-US'). Done by hand because the first toLocaleString of a process builds
 * ICU's number format, ~10–20 ms before the list's first frame, for a comma.
 */
export function groupedCount(n: number): string {
  // Counts are whole and not negative; anything else is left to Intl.
  if (!Number.isSafeInteger(n) || n < 0 || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(n);
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return grouped;
}
