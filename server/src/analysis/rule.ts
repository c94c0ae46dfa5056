import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, FindingData } from './finding';
import type { RuleContext } from './ruleContext';
import type { FileFacts } from './facts';
import type { CrateFacts } from './crateFacts';

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
  /**
   * A short snippet that triggers the rule. Lines starting with `# ` are hidden, as in rustdoc: they
   * carry the `use` lines, stubs and surrounding fn the snippet needs to compile (see `shownCode`).
   */
  example: string;
  /** The same snippet written the right way (hidden lines likewise). */
  instead: string;
  /**
   * Code both snippets need before them and nobody reads (stub types, `use` lines, the opening of an
   * enclosing fn), written once without `# ` markers: `fullCode` puts it in front of either snippet.
   */
  setup?: string;
  /**
   * The language of `example` and `instead` when it is not Rust (rules on Cargo.toml, Dockerfiles).
   * There `#` starts a comment, so such snippets have no hidden lines.
   */
  language?: 'toml' | 'dockerfile';
  /** The `rust-version` the snippets' package declares, for a rule that reads it (the snippets say so in a comment). */
  rustVersion?: string;
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
  /**
   * The rule also runs over the Rust inside macro calls and `macro_rules!` bodies. Only for rules whose
   * findings there were judged right (≥ 90%) on real crates: `$x` hides what a body's code is.
   */
  inMacros?: boolean;
  /** Clippy lints covering the same ground: `#[allow(clippy::<lint>)]` also silences this rule. */
  clippy?: string[];
  /**
   * A security weakness: its CWE number, and a CVSS-like score (0–10) that code scanning shows as
   * low / medium / high / critical.
   */
  security?: { cwe: number; score: number };
  /** What the rule's fixes promise; present exactly when it has fixes. */
  fix?: FixPromise;
}

/** Called for every node of the listed types inside the analysed code. */
export type NodeVisitor<D extends FindingData = FindingData> = (node: Node, ctx: RuleContext<D>) => void;

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

/**
 * What a rule's fixes promise, shown on its page (ruff's fix availability and fix safety): whether
 * every finding gets one, and whether fix-all and `--fix` apply them unasked.
 */
export interface FixPromise {
  /** `always`: each finding is offered a fix; `sometimes`: only where the code allows one. */
  availability: 'always' | 'sometimes';
  /** `safe`: keeps behaviour, applied by fix-all; `unsafe`: quick fix only; `mixed`: safe only in the cases `note` names. */
  safety: 'safe' | 'unsafe' | 'mixed';
  /** When no fix is offered, or what an unsafe fix may change: one sentence for the rule's page. */
  note?: string;
}

interface RuleBase<D extends FindingData> extends RuleMeta {
  visit: Record<string, NodeVisitor<D>>;
  /**
   * What the rule cannot fire without: words (also found under the local names `use`s give paths
   * holding them) or patterns (a case-insensitive one is read against lowercased text, as names are
   * split into words). In a unit whose text holds none of them its visitors are skipped and the node
   * types they visit are not even read from the tree (reading nodes out of wasm is most of what
   * analysis costs). The only word gate: visitors need not check again. A rule whose words are names
   * the file or its package declare gives them from those facts (none: it cannot fire in this file;
   * undefined: it may fire anywhere).
   */
  mentions?: readonly (string | RegExp)[] | ((known: KnownNames) => readonly (string | RegExp)[] | undefined);
}

/** What a rule's words may come from: the file's facts (undefined until its units are read: then its text), its package's. */
export interface KnownNames {
  facts?: FileFacts;
  text: string;
  crate?: CrateFacts;
}

interface FixingRule<D extends FindingData> extends RuleBase<D> {
  fix: FixPromise;
  /**
   * The fixes read only the document text and the finding, never the tree: they hold inside macro
   * bodies too, where the document's tree has tokens only. Other rules offer no fix there.
   */
  textFixes?: boolean;
  /** Repairs for one finding, computed on demand when the user asks for code actions. */
  fixes(finding: Finding<D>, ctx: FixContext): Fix[];
}

interface ReportingRule<D extends FindingData> extends RuleBase<D> {
  fix?: undefined;
  fixes?: undefined;
  textFixes?: undefined;
}

/**
 * A rule; `D` is the data its findings carry (`ctx.report(.., { data })`) and its `fixes` read back.
 * A rule with fixes declares what they promise.
 */
export type Rule<D extends FindingData = FindingData> = FixingRule<D> | ReportingRule<D>;
