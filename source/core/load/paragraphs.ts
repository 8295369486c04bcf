/**
 * Normalised text → paragraphs: blank (or whitespace-only) lines separate paragraphs, and a
 * single newline inside a paragraph is a soft break, so the lines of a paragraph are joined by a space.
 */
export function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (lines.length > 0) paragraphs.push(lines.join(' '));
      lines = [];
    } else {
      lines.push(line);
    }
  }
  if (lines.length > 0) paragraphs.push(lines.join(' '));
  return paragraphs;
}

/**
 * For bodies that come from a JSON field: when the text has blank lines they separate paragraphs
 * (as in a text file); when it has none, each line is a paragraph, because scraped JSON data sets
 * usually put one paragraph per line and are not hard-wrapped.
 */
export function splitFieldParagraphs(text: string): string[] {
  return /\n[ \u00a0]*\n/.test(text) ? splitParagraphs(text) : text.split('\n');
}
