import type { Tree } from 'web-tree-sitter';
import type { CrateFacts } from './crateFacts';
import type { Fix, Rule } from './rule';
import { IncrementalAnalyzer } from './analyzer';
import { applyDirectives } from './directives';
import type { Finding } from './finding';
import { type FixSettings, applyFixes, ruleFixes } from './fixes';
import { LineIndex } from './lineIndex';
import { type ParserSource, parseBudgetMs, parseWithin } from './parsing';
import { isTestFile } from './testPaths';
import { withTreeLinks } from './treeLinks';

export interface LintOptions {
  /** Workspace-relative path of the file, for the test-file exemptions of a file in no package. */
  relativePath?: string;
  /** The file's package, from the crate model. */
  crate?: CrateFacts;
  rules?: readonly Rule[];
}

/** One-shot analysis of a whole text: what the CLI and tests use, and what the server must equal. */
export class Engine {
  /**
   * Shares the parser with its owner (the server); parses never interleave, JS being single-threaded.
   * `catalog` is what runs when a call names no rules (the host passes the rule catalog).
   */
  constructor(
    private readonly parsers: ParserSource,
    private readonly catalog: readonly Rule[],
  ) {}

  /** `parsed`: the tree of `text` when the caller has it already (it stays the caller's to delete). */
  lint(text: string, options: LintOptions = {}, parsed?: Tree): Finding[] {
    return this.withTree(text, (tree) => this.findings(text, tree, options), parsed);
  }

  /** The findings with the rule's repairs for each (for reports that carry fixes, like SARIF). */
  lintWithFixes(text: string, options: LintOptions & FixSettings, parsed?: Tree): { finding: Finding; fixes: Fix[] }[] {
    const rule = this.ruleOf(options);
    return this.withTree(text, (tree) => this.findings(text, tree, options).map((finding) => ({ finding, fixes: ruleFixes(rule(finding), finding, text, tree, options) })), parsed);
  }

  /**
   * Applies every safe fix, pass after pass (a fix can reveal or unblock another), until none is
   * left. What the CLI's `--fix` and the editor's fix-all on save both do.
   */
  fixAll(text: string, options: LintOptions & FixSettings): { text: string; fixed: number } {
    let fixed = 0;
    const rule = this.ruleOf(options);
    for (let pass = 0; pass < 10; pass++) {
      const current = text;
      const { text: next, applied } = this.withTree(current, (tree) => {
        const safe = this.findings(current, tree, options).flatMap((f) => ruleFixes(rule(f), f, current, tree, options).filter((x) => x.safe).slice(0, 1));
        return applyFixes(current, safe);
      });
      if (!applied) break;
      fixed += applied;
      text = next;
    }
    return { text, fixed };
  }

  private findings(text: string, tree: Tree, options: LintOptions): Finding[] {
    const analyzer = new IncrementalAnalyzer(options.rules ?? this.catalog, { testFile: isTestFile(options.relativePath ?? '', options.crate), crate: options.crate }, this.parsers);
    const { findings, directives } = analyzer.analyze(tree, text);
    const lines = new LineIndex(text);
    return applyDirectives(findings, directives, (o) => lines.positionAt(o).line);
  }

  /** The rule that made a finding, among those the options run. */
  private ruleOf(options: LintOptions): (finding: Finding) => Rule {
    const byId = new Map((options.rules ?? this.catalog).map((r) => [r.id, r]));
    return (finding) => byId.get(finding.ruleId)!;
  }

  /** Parses `text` as lint does (within the parse budget, else it throws). */
  parse(text: string): Tree {
    const tree = parseWithin(this.parsers.parser, text, null);
    if (!tree) throw new Error(`parsing took longer than ${parseBudgetMs(text.length) / 1000} s: is this Rust?`);
    return tree;
  }

  private withTree<T>(text: string, use: (tree: Tree) => T, parsed?: Tree): T {
    if (parsed) return withTreeLinks(parsed, () => use(parsed));
    const tree = this.parse(text);
    try {
      return withTreeLinks(tree, () => use(tree));
    } finally {
      tree.delete();
    }
  }
}
