import type { Node } from 'web-tree-sitter';
import type { Rule, Severity } from '../rules/rule';
import { forgetMemos } from '../rules/util/memo';
import { type ItemAttributes, isTestAttribute, allowedLints, precedingAttributes } from './attributes';
import { type FileFacts, isAsyncFn, resolvePath } from './facts';
import type { Finding, RelatedSpan, Span } from './finding';

export interface AnalysisOptions {
  /** The file itself is test code (under tests/, benches/, examples/, or build.rs). */
  testFile: boolean;
}

export interface ReportExtras {
  related?: RelatedSpan[];
  /** Lowers this finding below the rule's level (see Finding.severity). */
  severity?: Severity;
  data?: Record<string, unknown>;
}

/** `İ` and the Kelvin sign: lowercased, they become (or start with) an ASCII letter. */
const LOWERCASES_TO_ASCII = /[\u0130\u212a]/;

/** What a rule sees while it visits one analysis unit. */
export class RuleContext {
  rule!: Rule;
  /** The unit's source lowercased, made on the first question that needs it. */
  private lowercase: string | undefined;
  private readonly mentioned = new Map<string | RegExp, boolean>();
  private readonly named = new Map<RegExp, boolean>();
  private readonly referred = new Map<string, boolean>();
  private readonly resolved = new Map<string, string>();

  constructor(
    readonly facts: FileFacts,
    readonly options: AnalysisOptions,
    private readonly unit: Node,
    /** The unit's own source (a container's header only: its body's items are units of their own). */
    private readonly text: string,
    private readonly unitAttributes: ItemAttributes,
    private readonly sink: Finding[],
  ) {
    forgetMemos();
  }

  report(at: Node | Span, message: string, extras: ReportExtras = {}): void {
    const span = 'startIndex' in at ? { start: at.startIndex, end: at.endIndex } : at;
    const node = 'startIndex' in at ? at : undefined;
    if (this.rule.allowedInTests && this.isTestCode(node)) return;
    if (this.rule.clippy && this.isClippyAllowed(node)) return;
    this.sink.push({ ruleId: this.rule.id, start: span.start, end: span.end, message, ...extras });
  }

  /** `std::fs::read` for `fs::read` under `use std::fs;`. */
  resolve(written: string): string {
    let full = this.resolved.get(written);
    if (full === undefined) {
      full = resolvePath(this.facts, written);
      this.resolved.set(written, full);
    }
    return full;
  }

  /**
   * Whether the unit's source contains `pattern` (a regex without the `g` flag). A rule whose finding
   * needs some word in the code asks this first: one scan of the unit's text, shared by every node
   * and rule, instead of reading the tree (each read a call into wasm) at each of thousands of nodes.
   */
  unitMentions(pattern: string | RegExp): boolean {
    let known = this.mentioned.get(pattern);
    if (known === undefined) {
      known = typeof pattern === 'string' ? this.text.includes(pattern) : pattern.test(this.text);
      this.mentioned.set(pattern, known);
    }
    return known;
  }

  /**
   * Whether some name in the unit may hold one of the words `pattern` stands for (a `nameWordPattern`).
   * Name words are lowercased: the source is lowercased too when it holds a character that lowercases
   * to an ASCII letter, else the case-insensitive pattern sees the same thing without the copy.
   */
  unitMayName(pattern: RegExp): boolean {
    let known = this.named.get(pattern);
    if (known === undefined) {
      this.lowercase ??= LOWERCASES_TO_ASCII.test(this.text) ? this.text.toLowerCase() : this.text;
      known = pattern.test(this.lowercase);
      this.named.set(pattern, known);
    }
    return known;
  }

  /**
   * False when no path in the unit can resolve to one ending in `name` (`sleep`, `LinkedList`): the
   * unit never writes it, and no `use` brings it in under another name.
   */
  mayRefer(name: string): boolean {
    let known = this.referred.get(name);
    if (known === undefined) {
      const suffix = `::${name}`;
      known = this.unitMentions(name) || [...this.facts.uses.values()].some((path) => path === name || path.endsWith(suffix));
      this.referred.set(name, known);
    }
    return known;
  }

  /**
   * False when no node of the unit can be in async code: an async fn, block or closure is marked by an
   * `async` inside the unit (what encloses a unit is a module, impl or trait, never a fn or closure).
   */
  mayBeAsync(): boolean {
    return this.unitMentions('async');
  }

  /** True inside an async fn or async block, up to the nearest enclosing fn or closure. */
  isAsyncContext(node: Node): boolean {
    if (!this.mayBeAsync()) return false;
    for (let n = node.parent; n; n = n.parent) {
      switch (n.type) {
        case 'async_block':
          return true;
        case 'function_item':
          return isAsyncFn(n);
        case 'closure_expression':
          return n.children.some((c) => c?.type === 'async');
      }
    }
    return false;
  }

  isTestCode(node?: Node): boolean {
    if (this.options.testFile || this.unitAttributes.test) return true;
    return this.someAttributeWithinUnit(node, (text) => isTestAttribute(text));
  }

  private isClippyAllowed(node?: Node): boolean {
    const lints = this.rule.clippy!.map((l) => `clippy::${l}`);
    if (lints.some((l) => this.unitAttributes.allows.includes(l) || this.facts.crateAllows.has(l))) return true;
    return this.someAttributeWithinUnit(node, (text) => allowedLints(text).some((l) => lints.includes(l)));
  }

  /** Attributes on items or statements between `node` and the unit (the unit's own are known already). */
  private someAttributeWithinUnit(node: Node | undefined, test: (attributeText: string) => boolean): boolean {
    for (let n = node; n && n.id !== this.unit.id; n = n.parent ?? undefined) {
      if (n.previousNamedSibling?.type === 'attribute_item' && precedingAttributes(n).some((a) => test(a.text))) return true;
    }
    return false;
  }
}
