/**
 * Whether text with no trustworthy name (standard input, a file without a known extension) is a
 * web page: it begins, past any comments (a browser's "saved from" note), with a doctype, `<html>`
 * or `<head>`.
 */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, SNIFF_CHARS));
}

const SNIFF_CHARS = 4096;
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head)[\s>]/i;
