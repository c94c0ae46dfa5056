import type { Tree } from 'web-tree-sitter';
import { ALL_RULES } from '../rules';
import type { Fix, Rule } from '../rules/rule';
import { IncrementalAnalyzer } from './analyzer';
import { applyDirectives } from './directives';
import type { Finding } from './finding';
import { type FixSettings, applyFixes, ruleFixes } from './fixes';
import { LineIndex } from './lineIndex';
import { type ParserSource, parseBudgetMs, parseWithin } from './parsing';
import { isTestPath } from './testPaths';
import { withTreeLinks } from './treeLinks';

export interface LintOptions {
  /** Workspace-relative path of the file, for the test-file exemptions. */
  relativePath?: string;
  rules?: readonly Rule[];
}

/** One-shot analysis of a whole text: what the CLI and tests use, and what the server must equal. */
export class Engine {
  /** Shares the parser with its owner (the server); parses never interleave, JS being single-threaded. */
  constructor(private readonly parsers: ParserSource) {}

  lint(text: string, options: LintOptions = {}): Finding[] {
    return this.withTree(text, (tree) => this.findings(text, tree, options));
  }

  /** The findings with the rule's repairs for each (for reports that carry fixes, like SARIF). */
  lintWithFixes(text: string, options: LintOptions & FixSettings): { finding: Finding; fixes: Fix[] }[] {
    return this.withTree(text, (tree) => this.findings(text, tree, options).map((finding) => ({ finding, fixes: ruleFixes(finding, text, tree, options) })));
  }

  /**
   * Applies every safe fix, pass after pass (a fix can reveal or unblock another), until none is
   * left. What the CLI's `--fix` and the editor's fix-all on save both do.
   */
  fixAll(text: string, options: LintOptions & FixSettings): { text: string; fixed: number } {
    let fixed = 0;
    for (let pass = 0; pass < 10; pass++) {
      const current = text;
      const { text: next, applied } = this.withTree(current, (tree) => {
        const safe = this.findings(current, tree, options).flatMap((f) => ruleFixes(f, current, tree, options).filter((x) => x.safe).slice(0, 1));
        return applyFixes(current, safe);
      });
      if (!applied) break;
      fixed += applied;
      text = next;
    }
    return { text, fixed };
  }

  private findings(text: string, tree: Tree, options: LintOptions): Finding[] {
    const analyzer = new IncrementalAnalyzer(options.rules ?? ALL_RULES, { testFile: isTestPath(options.relativePath ?? '') }, this.parsers);
    const { findings, directives } = analyzer.analyze(tree, text);
    const lines = new LineIndex(text);
    return applyDirectives(findings, directives, (o) => lines.positionAt(o).line);
  }

  private withTree<T>(text: string, use: (tree: Tree) => T): T {
    const tree = parseWithin(this.parsers.parser, text, null);
    if (!tree) throw new Error(`parsing took longer than ${parseBudgetMs(text.length) / 1000} s: is this Rust?`);
    try {
      return withTreeLinks(tree, () => use(tree));
    } finally {
      tree.delete();
    }
  }
}
