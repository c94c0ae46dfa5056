/** Text positions fixes need: where a line starts, how it is indented, which line ending the file uses. */

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  return /^[ \t]*/.exec(text.slice(start, start + 200))![0];
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
