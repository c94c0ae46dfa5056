import type { Node } from 'web-tree-sitter';
import type { Rule } from './rule';
import { type ItemAttributes, attributesKey, attributesUpTo, readAttributes } from './attributes';
import type { FileFacts } from './facts';
import { type Finding, shiftFinding } from './finding';
import { contextStart } from './frontText';
import { MACRO_TYPES, statementOf, withParsedBodies } from './macroBodies';
import type { ParserSource } from './parsing';
import { type AnalysisOptions, RuleContext } from './ruleContext';
import { RulePlans } from './rulePlans';
import { textKey } from './textKey';
import { enterUnit, withTreeLinks } from './treeLinks';
import { gatherNodes, visitNodes } from './visit';

/** Macros inside macro bodies are followed this deep. */
const MAX_DEPTH = 4;
/** Cached results kept per document before the cache starts over. */
const MAX_CACHED = 4096;

/**
 * Runs the rules that hold inside macro bodies (`inMacros`) over the Rust there (see `macroBodies`).
 * Results are cached per macro text and what it depends on outside it, so a keystroke elsewhere in
 * the unit does not parse the macro again.
 */
export class MacroAnalysis {
  private readonly plans: RulePlans;
  private readonly enabled: boolean;
  /** Findings relative to the macro's start, by the macro's text and context. */
  private cache = new Map<string, Finding[]>();

  constructor(
    rules: readonly Rule[],
    private readonly options: AnalysisOptions,
    private readonly parsers: ParserSource,
    private readonly onRuleError: (rule: Rule, error: unknown) => void,
  ) {
    const inMacros = rules.filter((r) => r.inMacros);
    this.plans = new RulePlans(inMacros, options);
    this.enabled = inMacros.length > 0;
  }

  /** Whether a rule that holds in macros may fire in a unit of this text: only then are its macros read. */
  mayFireIn(unitText: string, test: boolean): boolean {
    // A macro call or `macro_rules!` cannot be written without a `!`.
    return this.enabled && unitText.includes('!') && this.plans.planFor(unitText, { test }).visitors.size > 0;
  }

  /** The file's facts changed: cached results were reached with the old ones. True when they give the rules' words new names. */
  useFacts(facts: FileFacts): boolean {
    this.cache = new Map();
    return this.plans.useFacts(facts);
  }

  /**
   * Findings inside the macro `mac` of the unit `unit` (a document node; `text` the document),
   * in document offsets. `unitAttributes` are what the unit's own attributes say.
   */
  findings(mac: Node, text: string, unit: Node, unitAttributes: ItemAttributes, facts: FileFacts): Finding[] {
    if (!this.enabled || !this.worth(text.slice(mac.startIndex, mac.endIndex))) return [];
    const attributes = readAttributes(attributesUpTo(mac, unit), unitAttributes);
    // Rules read the comments in front of the statement holding the macro (a `// SAFETY:` above `foo!(unsafe { .. })`).
    const front = contextStart(text, statementOf(mac).startIndex);
    const key = `${textKey(text, mac.startIndex, mac.endIndex)}|${textKey(text, front, mac.startIndex)}|${attributesKey(attributes)}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.inBodies(mac, text, attributes, facts, 0).map((f) => shiftFinding(f, -mac.startIndex));
      if (this.cache.size >= MAX_CACHED) this.cache = new Map();
      this.cache.set(key, found);
    }
    return found.map((f) => shiftFinding(f, mac.startIndex));
  }

  /** Whether some rule that holds in macros may fire in `code` (it has the words the rule needs): else it is not parsed. */
  private readonly worth = (code: string): boolean => this.plans.planFor(code).visitors.size > 0;

  /** Findings in the bodies of `mac`, a node of a tree whose text is `text`, in that text's offsets. */
  private inBodies(mac: Node, text: string, attributes: ItemAttributes, facts: FileFacts, depth: number): Finding[] {
    const out: Finding[] = [];
    withParsedBodies(this.parsers.parser, mac, text, this.worth, (body) => {
      const root = body.tree.rootNode;
      const plan = this.plans.planFor(body.text, { macros: true });
      const nodes = gatherNodes(root, plan, undefined);
      const sink: Finding[] = [];
      withTreeLinks(body.tree, () => {
        enterUnit([root]);
        visitNodes(nodes, plan, new RuleContext(facts, this.options, root, body.text, attributes, sink), this.onRuleError);
        if (depth + 1 < MAX_DEPTH) {
          for (const type of MACRO_TYPES) {
            for (const inner of nodes.get(type) ?? []) sink.push(...this.inBodies(inner, body.text, readAttributes(attributesUpTo(inner, root), attributes), facts, depth + 1));
          }
        }
      });
      // Only what lies in the body's own text maps back: the wrapper around it is not the user's.
      const from = body.offset;
      const to = body.offset + body.length;
      const inside = (s: { start: number; end: number }) => s.start >= from && s.end <= to;
      for (const f of sink) {
        if (!inside(f)) continue;
        const kept = f.related ? { ...f, related: f.related.filter(inside) } : f;
        out.push(shiftFinding(kept, body.start - body.offset));
      }
    });
    return out;
  }
}
