import type { Tree } from 'web-tree-sitter';

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

const TEXTS = new WeakMap<Tree, string>();

/**
 * The text `tree` was parsed from, at the tree's offsets; read once per tree. `rootNode.text` begins
 * at the first token, yet offsets count the blank lines and indent in front of it (a macro body
 * parsed on its own starts with both): they are put back, a `\r` as a space.
 */
export function treeText(tree: Tree): string {
  let text = TEXTS.get(tree);
  if (text === undefined) {
    const root = tree.rootNode;
    const { row, column } = root.startPosition;
    text = ' '.repeat(Math.max(0, root.startIndex - column - row)) + '\n'.repeat(row) + ' '.repeat(column) + root.text;
    TEXTS.set(tree, text);
  }
  return text;
}
