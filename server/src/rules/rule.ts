import type { Node, Tree } from 'web-tree-sitter';
import type { Finding } from '../analysis/finding';
import type { RuleContext } from '../analysis/ruleContext';

/** How loudly a rule speaks. `off` only exists in configuration. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** The rule's documentation, in the clippy form. Markdown. */
export interface RuleDocs {
  /** What it does: one or two sentences. */
  what: string;
  /** Why is this bad: the production cost, with the guide's figures. */
  why: string;
  /**
   * A short snippet that triggers the rule. Lines starting with `# ` are hidden, as in rustdoc: they
   * carry the `use` lines, stubs and surrounding fn the snippet needs to compile (see `shownCode`).
   */
  example: string;
  /** The same snippet written the right way (hidden lines likewise). */
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
