/**
 * CSV as RFC 4180 has it (a field holding a comma, a quote or a line break is quoted, quotes
 * doubled; records end in CRLF), and safe to print on a terminal: every field is sanitised by the
 * one policy (sanitize.ts), so no control character from a file reaches it, and each record is one
 * line on screen.
 */
import { sanitizeSingleLine } from '../core/sanitize';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : sanitizeSingleLine(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows, each record ended by CRLF. */
export function csvRecords(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** A header and rows, each record ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return csvRecords([header, ...rows]);
}
