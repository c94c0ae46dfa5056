import type { Tree } from 'web-tree-sitter';
import type { Fix, Rule, TextEdit } from './rule';
import { eolOf, indentAt, lineStartAt } from './edits';
import type { Finding } from './finding';
import { inMacroTokens } from './macroBodies';
import { withTreeLinks } from './treeLinks';

export interface FixSettings {
  timeoutSeconds: number;
}

/** The repairs of the rule that made a finding, computed from the tree the finding came from. */
export function ruleFixes(rule: Rule, finding: Finding, text: string, tree: Tree, settings: FixSettings): Fix[] {
  if (!rule.fixes) return [];
  const node = tree.rootNode.descendantForIndex(finding.start, Math.max(finding.start, finding.end - 1));
  if (!node) return [];
  return withTreeLinks(tree, () => {
    // In a macro body the tree has tokens where the rule found code: only fixes made from the text map back exactly.
    if (!rule.textFixes && inMacroTokens(node)) return [];
    return rule.fixes(finding, { text, tree, node, timeoutSeconds: settings.timeoutSeconds });
  });
}

/** How a line comment starts: Rust's, or TOML's and Dockerfiles'. */
export type CommentMarker = '//' | '#';

/** `// rust-patterns: allow(<id>)` on its own line above the finding, indented like that line. */
export function allowOnLineFix(finding: Finding, text: string, comment: CommentMarker = '//'): Fix {
  const lineStart = lineStartAt(text, finding.start);
  return {
    title: `Allow ${finding.ruleId} on this line`,
    edits: [{ start: lineStart, end: lineStart, newText: `${indentAt(text, finding.start)}${comment} rust-patterns: allow(${finding.ruleId})${eolOf(text)}` }],
    safe: false,
  };
}

/** What stays above an allow-file comment: Rust's `//!` docs and `#![..]`; a Dockerfile's parser directives (`# syntax=…` must come first). */
const FILE_HEADER: Record<CommentMarker, RegExp> = {
  '//': /^(?:\uFEFF)?(?:[ \t]*(?:\/\/!.*|#!\[.*\]|\/\/ rust-patterns: allow-file\(.*\))?\r?\n)*/,
  '#': /^(?:\uFEFF)?(?:[ \t]*#[ \t]*(?:[\w-]+[ \t]*=.*|rust-patterns: allow-file\(.*\))\r?\n)*/,
};

/** `// rust-patterns: allow-file(<id>)` at the top of the file, below what must stay first (`FILE_HEADER`). */
export function allowInFileFix(finding: Finding, text: string, comment: CommentMarker = '//'): Fix {
  const at = FILE_HEADER[comment].exec(text)?.[0].length ?? 0;
  return {
    title: `Allow ${finding.ruleId} in this file`,
    edits: [{ start: at, end: at, newText: `${comment} rust-patterns: allow-file(${finding.ruleId})${eolOf(text)}` }],
    safe: false,
  };
}

/** Applies edits that do not overlap one another. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Edits of one fix must all apply or none: groups the fixes so overlapping fixes are skipped whole. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const fix of fixes) {
    const clash = fix.edits.some((e) => taken.some((t) => (e.start < t.end && t.start < e.end) || (e.start === t.start && e.end === t.end)));
    if (clash) continue;
    taken.push(...fix.edits);
    applied++;
  }
  return { text: applyEdits(text, taken), applied };
}

/** The smallest single edit turning `before` into `after` (one edit keeps fix-all atomic for editors). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}
