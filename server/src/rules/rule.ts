import type { Node, Tree } from 'web-tree-sitter';
import type { Finding } from '../analysis/finding';
import type { RuleContext } from '../analysis/ruleContext';

/** How loudly a rule speaks. `off` only exists in configuration. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Severities from quietest to loudest. */
export const SEVERITY_RANK: Record<SeveritySetting, number> = { off: 0, hint: 1, info: 2, warning: 3, error: 4 };

/**
 * The level one finding is shown at. At the rule's default level, a milder finding keeps its own lower
 * level (never a higher one); a level the user chose for the rule applies to all its findings, as
 * `unwrap_used = "deny"` means every unwrap.
 */
export function findingLevel(rule: { severity: Severity }, level: Severity, finding: { severity?: Severity }): Severity {
  if (level !== rule.severity) return level;
  return finding.severity && SEVERITY_RANK[finding.severity] < SEVERITY_RANK[level] ? finding.severity : level;
}

/** The rule's documentation, in the clippy form. Markdown. */
export interface RuleDocs {
  /** What it does: one or two sentences. */
  what: string;
  /** Why is this bad: the production cost, with the guide's figures. */
  why: string;
  /** A short snippet that triggers the rule. */
  example: string;
  /** The same snippet written the right way. */
  instead: string;
}

export interface RuleMeta {
  /** Stable snake_case id, sent as the diagnostic code. */
  id: string;
  severity: Severity;
  /** The guide section the rule comes from (its heading). */
  section: string;
  /** One line for lists and the CLI. */
  summary: string;
  docs: RuleDocs;
  /** Test code (#[test] fns, #[cfg(test)] modules, tests/ benches/ examples/ build.rs) may do this. */
  allowedInTests?: boolean;
  /** Clippy lints covering the same ground: `#[allow(clippy::<lint>)]` also silences this rule. */
  clippy?: string[];
  /**
   * A security weakness: its CWE number, and a CVSS-like score (0–10) that code scanning shows as
   * low / medium / high / critical.
   */
  security?: { cwe: number; score: number };
}

/** Called for every node of the listed types inside the analysed code. */
export type NodeVisitor = (node: Node, ctx: RuleContext) => void;

/** A text replacement, in UTF-16 offsets of the document the finding came from. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Safe fixes keep behaviour and are applied by fix-all (on save, `--fix`); the rest (e.g. stable →
   * unstable sort) are offered as quick fixes only.
   */
  safe: boolean;
  preferred?: boolean;
}

/** What a fix may consult: the document as analysed, its tree, and the user's settings. */
export interface FixContext {
  text: string;
  tree: Tree;
  /** The node spanning exactly the finding's range (or the smallest around it). */
  node: Node;
  timeoutSeconds: number;
}

export interface Rule extends RuleMeta {
  visit: Record<string, NodeVisitor>;
  /**
   * Words the rule cannot fire without. In a unit whose text holds none of them its visitors are
   * skipped and the node types they visit are not even read from the tree (reading nodes out of
   * wasm is most of what analysis costs).
   */
  mentions?: readonly string[];
  /** Repairs for one finding, computed on demand when the user asks for code actions. */
  fixes?: (finding: Finding, ctx: FixContext) => Fix[];
}
