/**
 * The YAML front matter of a markdown file, read just far enough for article metadata:
 * `key: value` lines with plain or quoted scalars, and `key:` followed by `- item` lines (joined
 * with ", "). Nested maps, anchors and block scalars are ignored rather than misread. No YAML
 * dependency: the fields lede shows are all simple strings.
 */
export interface FrontMatter {
  fields: Record<string, string>;
  /** The text after the closing `---`. */
  body: string;
}

const FENCE = /^---[ ]*$/;
const CLOSE = /^(?:---|\.\.\.)[ ]*$/;
const KEY_VALUE = /^([A-Za-z_][\w-]*)[ ]*:(?:[ ]+(.*))?$/;
const LIST_ITEM = /^[ ]+-[ ]+(.*)$/;
/** Front matter longer than this is not front matter but a document that starts with a rule. */
const MAX_LINES = 200;

/** Undefined when the text does not open with a closed `---` block. */
export function readFrontMatter(text: string): FrontMatter | undefined {
  const firstEnd = text.indexOf('\n');
  if (firstEnd === -1 || !FENCE.test(text.slice(0, firstEnd))) return undefined;
  const lines: string[] = [];
  let at = firstEnd + 1;
  while (lines.length < MAX_LINES && at <= text.length) {
    const end = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    const line = text.slice(at, end);
    if (CLOSE.test(line)) return { fields: parseFields(lines), body: text.slice(end + 1) };
    lines.push(line);
    at = end + 1;
  }
  return undefined;
}

function parseFields(lines: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  let listKey: string | undefined;
  let list: string[] = [];
  const endList = () => {
    if (listKey !== undefined && list.length > 0) fields[listKey] = list.join(', ');
    listKey = undefined;
    list = [];
  };
  for (const line of lines) {
    const item = listKey === undefined ? null : LIST_ITEM.exec(line);
    if (item) {
      list.push(unquote(item[1]!));
      continue;
    }
    endList();
    const match = KEY_VALUE.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const value = (match[2] ?? '').trim();
    if (value === '') listKey = key;
    else if (!/^[|>&*!]/.test(value)) fields[key] = unquote(value);
  }
  endList();
  return fields;
}

/** `"a \"b\""` → `a "b"`, `'it''s'` → `it's`, `[a, b]` → `a, b`; a trailing ` # comment` is dropped. */
function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\])/g, '$1').replace(/\\n/g, ' ');
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value.startsWith('[') && value.endsWith(']')) {
    return value
      .slice(1, -1)
      .split(',')
      .map((part) => unquote(part))
      .filter(Boolean)
      .join(', ');
  }
  const comment = value.indexOf(' #');
  return comment === -1 ? value : value.slice(0, comment).trimEnd();
}
