import type { Node } from 'web-tree-sitter';
import { type CrateFacts, type Version, parseVersion, versionBelow } from './crateFacts';
import type { Rule, Severity } from './rule';
import { forgetMemos } from './memo';
import { type ItemAttributes, allowedLints, attributesUpTo, declaredMsrv, isTestAttribute } from './attributes';
import { type FileFacts, isAsyncFn, resolvePath } from './facts';
import type { Finding, FindingData, RelatedSpan, Span } from './finding';

export interface AnalysisOptions {
  /** The file itself is not production code: a test, bench, example, build script or fixture (see `isTestFile`). */
  testFile: boolean;
  /** What the file's package says about it, when it is in one (see `crate/model.ts`). */
  crate?: CrateFacts;
}

/** The oldest Rust some code must build with, and the declaration that says so (for messages). */
export interface DeclaredMsrv {
  version: Version;
  /** `the crate declares \`rust-version = "1.60"\``, `clippy.toml declares \`msrv = "1.60"\``… */
  declaredBy: string;
}

export interface ReportExtras<D extends FindingData> {
  related?: RelatedSpan[];
  /** Lowers this finding below the rule's level (see Finding.severity). */
  severity?: Severity;
  data?: D;
}

/** What a rule sees while it visits one analysis unit; `D` is the data its findings carry to its fixes. */
export class RuleContext<D extends FindingData = FindingData> {
  rule!: Rule<D>;
  /** Whether the unit's source says `async`, read on the first question that needs it. */
  private async: boolean | undefined;
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

  /** The file's package, as the crate model knows it; undefined for a loose file (rules then judge the file alone). */
  get crate(): CrateFacts | undefined {
    return this.options.crate;
  }

  report(at: Node | Span, message: string, extras: ReportExtras<D> = {}): void {
    const span = 'startIndex' in at ? { start: at.startIndex, end: at.endIndex } : at;
    // Attributes on the statements, arms or fields holding a span silence it as much as a node's.
    const node = () => ('startIndex' in at ? at : (this.unit.descendantForIndex(span.start, Math.max(span.start, span.end - 1)) ?? undefined));
    // Generated code is its generator's to change: no rule reports in it, not even those that hold in tests.
    if (this.options.crate?.role === 'generated') return;
    if (this.rule.allowedInTests && this.isTestCode(node())) return;
    if (this.rule.clippy && this.isClippyAllowed(node())) return;
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
   * False when no node of the unit can be in async code: an async fn, block or closure is marked by an
   * `async` inside the unit (what encloses a unit is a module, impl or trait, never a fn or closure).
   */
  private mayBeAsync(): boolean {
    return (this.async ??= this.text.includes('async'));
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

  /**
   * The MSRV the code at `node` is held to, read as clippy reads it: the nearest `#[clippy::msrv]`
   * on it or above it, the file's `#![clippy::msrv]`, then the package's (clippy.toml's `msrv`, else
   * Cargo.toml's `rust-version`). Undefined when nothing declares one.
   */
  msrvAt(node?: Node): DeclaredMsrv | undefined {
    const written = attributesUpTo(node, this.unit).map((a) => declaredMsrv(a.text)).find((v) => v !== undefined) ?? this.unitAttributes.msrv;
    const attribute = written !== undefined ? { text: written, inner: false } : this.facts.msrv !== undefined ? { text: this.facts.msrv, inner: true } : undefined;
    const version = attribute && parseVersion(attribute.text);
    if (attribute && version) return { version, declaredBy: `\`#${attribute.inner ? '!' : ''}[clippy::msrv = "${attribute.text}"]\` declares Rust ${attribute.text} here` };
    const { msrv, msrvFrom } = this.crate ?? {};
    if (!msrv) return undefined;
    const text = msrv.join('.').replace(/\.0$/, '');
    return { version: msrv, declaredBy: msrvFrom === 'clippy.toml' ? `clippy.toml declares \`msrv = "${text}"\`` : `the crate declares \`rust-version = "${text}"\`` };
  }

  /** True when the code at `node` must build with a Rust older than `version`. */
  msrvBelow(node: Node | undefined, version: Version): boolean {
    const msrv = this.msrvAt(node);
    return !!msrv && versionBelow(msrv.version, version);
  }

  isTestCode(node?: Node): boolean {
    if (this.options.testFile || this.unitAttributes.test) return true;
    return attributesUpTo(node, this.unit).some((a) => isTestAttribute(a.text));
  }

  private isClippyAllowed(node?: Node): boolean {
    const lints = this.rule.clippy!.map((l) => `clippy::${l}`);
    if (lints.some((l) => this.unitAttributes.allows.includes(l) || this.facts.crateAllows.has(l))) return true;
    return attributesUpTo(node, this.unit).some((a) => allowedLints(a.text).some((l) => lints.includes(l)));
  }
}
