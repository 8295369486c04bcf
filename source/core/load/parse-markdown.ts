import type { Article } from '../article.js';
import { buildArticle, TITLE_MAX_CHARS } from './build-article.js';
import { readFrontMatter } from './front-matter.js';
import { renderInline } from './markdown-inline.js';
import { normalizeText } from './normalize.js';

type Block = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

/**
 * A markdown article shown as plain readable text. The title is the front matter `title`, else the
 * first level-1 heading, else the first block when it is short enough to be a headline (a longer
 * one stays in the body and the title is cut from it).
 * Headings, list items and table rows each become a paragraph; bullets are shown as "•".
 */
export function parseMarkdown(path: string, text: string): Article[] {
  const normalized = normalizeText(text);
  const frontMatter = readFrontMatter(normalized);
  const fields = frontMatter?.fields ?? {};
  const blocks = markdownBlocks(frontMatter?.body ?? normalized);
  if (blocks.length === 0 && Object.keys(fields).length === 0) return [];

  const titleBlock = fields.title ? undefined : chooseTitleBlock(blocks);
  const title = fields.title ?? (titleBlock ? titleBlock.text : undefined);
  return [
    buildArticle({
      id: path,
      path,
      format: 'md',
      ...(title !== undefined ? { title } : {}),
      paragraphs: blocks.filter((block) => block !== titleBlock).map((block) => block.text),
      date: fields.date,
      source: fields.source,
      url: fields.url,
      author: fields.author ?? fields.authors,
    }),
  ];
}

function chooseTitleBlock(blocks: Block[]): Block | undefined {
  const first = blocks.find((b) => b.kind === 'heading' && b.level === 1) ?? blocks[0];
  return first && (first.kind === 'heading' || first.text.length <= TITLE_MAX_CHARS) ? first : undefined;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?: |$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+) *$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?: *\1){2,} *$/;
const LIST_ITEM = /^ *([-*+]|\d{1,9}[.)]) +/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^[\]]+\]: *\S/;
const BLOCKQUOTE_MARKER = /^ {0,3}> ?/;

/** Line-by-line block structure; inline markup is rendered as each block is closed. */
export function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  let prefix = '';
  let fence: string | undefined;
  const closeParagraph = () => {
    if (lines.length > 0) blocks.push({ kind: 'paragraph', text: prefix + renderInline(lines.join(' ')) });
    lines = [];
    prefix = '';
  };

  for (const rawLine of text.split('\n')) {
    if (fence !== undefined) {
      if (rawLine.trim().startsWith(fence) && rawLine.trim().replace(/^[`~]+/, '') === '') {
        // Code is kept as written: its lines are joined but no markup is interpreted.
        if (lines.length > 0) blocks.push({ kind: 'paragraph', text: lines.join(' ') });
        lines = [];
        fence = undefined;
      } else {
        lines.push(rawLine);
      }
      continue;
    }
    const line = stripBlockquoteMarkers(rawLine);
    const fenceMatch = FENCE_OPEN.exec(line);
    if (fenceMatch) {
      closeParagraph();
      fence = fenceMatch[1]!;
      continue;
    }
    if (line.trim() === '' || REFERENCE_DEFINITION.test(line)) {
      closeParagraph();
      continue;
    }
    if (lines.length > 0 && prefix === '' && SETEXT_UNDERLINE.test(line)) {
      blocks.push({ kind: 'heading', level: line.trim().startsWith('=') ? 1 : 2, text: renderInline(lines.join(' ')) });
      lines = [];
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      closeParagraph();
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      closeParagraph();
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: renderInline(headingText(line.slice(heading[0].length))) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      closeParagraph();
      const marker = item[1]!;
      prefix = /\d/.test(marker) ? `${marker.slice(0, -1)}. ` : '• ';
      lines.push(line.slice(item[0].length));
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      closeParagraph();
      if (!isTableDelimiterRow(line)) blocks.push({ kind: 'paragraph', text: tableRowText(line) });
      continue;
    }
    // A backslash at the end of a line is a hard break; paragraphs here have no line breaks.
    lines.push(line.endsWith('\\') ? line.slice(0, -1) : line);
  }
  if (fence !== undefined && lines.length > 0) blocks.push({ kind: 'paragraph', text: lines.join(' ') });
  else closeParagraph();
  return blocks.filter((block) => block.text.trim() !== '');
}

function stripBlockquoteMarkers(line: string): string {
  let rest = line;
  for (let match = BLOCKQUOTE_MARKER.exec(rest); match; match = BLOCKQUOTE_MARKER.exec(rest)) {
    rest = rest.slice(match[0].length);
  }
  return rest;
}

/** `Title ##` → `Title`: closing hashes count only when a space precedes them. */
function headingText(rest: string): string {
  const trimmed = rest.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end--;
  return end === 0 || trimmed[end - 1] === ' ' ? trimmed.slice(0, end).trimEnd() : trimmed;
}

function isTableDelimiterRow(line: string): boolean {
  return /^[ |:-]+$/.test(line) && line.includes('-');
}

/** `| a | b |` → `a · b`, each cell rendered as inline markdown. */
function tableRowText(line: string): string {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => renderInline(cell.trim()))
    .filter((cell) => cell !== '')
    .join(' · ');
}
