import { textKey } from './textKey';

// The text in front of an item that rules read beyond the item itself (a `// SAFETY:` comment, doc
// comments), which the analyzer's cache keys must cover. Plain text scanning, no tree needed.

/** The key of the text in front of an item that rules may read: from `contextStart` to the item. */
export function frontKeyOf(text: string, front: number, start: number): string {
  return textKey(text, contextStart(text, front), start);
}

/**
 * Where the text that rules may read in front of an item begins. `front` is where its comments and
 * attributes begin; rules that look for a `// SAFETY:` comment read from the start of that line
 * (another item may sit before it on the line), up across lines of comments and attributes, and
 * the line that ends them (had it been a comment, they would read on). Blank lines are taken too:
 * a cache key that covers more than needed only costs a re-analysis.
 */
export function contextStart(text: string, front: number): number {
  let start = lineStartWithin(text, front);
  while (start > 0 && text.charCodeAt(start - 1) === 10) {
    const above = lineStartWithin(text, start - 1);
    const end = start;
    start = above;
    if (!isCommentOrBlankLine(text, above, end)) break;
  }
  return start;
}

/**
 * How far back along one line the text in front is taken. A line of generated code can be
 * megabytes long: hashing it for every item on it made 20,000 nested mods on one line take 40 s.
 */
const MAX_LINE_PREFIX = 1024;

/** The start of the line holding `offset`, or `MAX_LINE_PREFIX` before `offset` when the line starts further back. */
function lineStartWithin(text: string, offset: number): number {
  const limit = Math.max(0, offset - MAX_LINE_PREFIX);
  for (let i = offset - 1; i >= limit; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return limit;
}

/**
 * The last offset at which an item's text in front (see `contextStart`) can still begin before
 * `offset`: further along the line than `MAX_LINE_PREFIX`, or past the first line after it that is
 * not blank, a comment or an attribute (that line stops the walk up), no item reads back to it.
 * Every scan is bounded, so a megabyte on one line costs no more than a short file.
 */
export function lastFrontReachingBack(text: string, offset: number): number {
  let end = lineEndWithin(text, offset);
  if (end === undefined) return offset + MAX_LINE_PREFIX;
  for (;;) {
    const start = end;
    if (start >= text.length) return text.length;
    end = lineEndWithin(text, start);
    // A line too long to be read back across, or the code line whose items are the last that can.
    if (end === undefined) return start + MAX_LINE_PREFIX;
    if (!isCommentOrBlankLine(text, start, end)) return end;
  }
}

/** Just past the end of the line holding `offset` (its `\n`, or the text's end) if that is within `MAX_LINE_PREFIX`. */
function lineEndWithin(text: string, offset: number): number | undefined {
  const limit = Math.min(text.length, offset + MAX_LINE_PREFIX);
  for (let i = offset; i < limit; i++) if (text.charCodeAt(i) === 10) return i + 1;
  return limit === text.length ? text.length : undefined;
}

/** Whether `text[start, end)` (one line) is blank, a comment line (starting `//`, `/*` or `*`, or closing a block comment) or an attribute. */
function isCommentOrBlankLine(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  if (i === end) return true;
  const c = text[i];
  const d = text[i + 1];
  if ((c === '/' && (d === '/' || d === '*')) || c === '*' || (c === '#' && (d === '[' || d === '!'))) return true;
  let j = end - 1;
  while (j > i && isSpace(text.charCodeAt(j))) j--;
  return text[j] === '/' && text[j - 1] === '*';
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
