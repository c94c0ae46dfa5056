import type { Node, Range, Tree } from 'web-tree-sitter';
import type { Rule } from '../rules/rule';
import { type ItemAttributes, attributesKey, readAttributes } from './attributes';
import { type Directive, parseDirectives } from './directives';
import { type FileFacts, type UnitFacts, factsKey, mergeFacts, unitFacts } from './facts';
import { type Finding, type Span, shiftFinding } from './finding';
import { type AnalysisOptions, RuleContext } from './ruleContext';

/**
 * Analysis runs per unit: every item directly in the file or directly in a `mod`/`impl`/`trait`
 * body, and every comment or inner attribute there. A container (`impl`, `mod`…) is a unit of its
 * own for its header, and its body's items are units of their own, so an edit inside one method of
 * a 4,000-line impl re-analyses that method and the (shallow) impl, nothing else.
 */
const CONTAINERS = new Set(['mod_item', 'impl_item', 'trait_item', 'foreign_mod_item']);
const COMMENTS = new Set(['line_comment', 'block_comment']);
/** Node types the analyzer itself needs, whatever the rules visit. */
const FACT_TYPES = ['use_declaration', 'function_item', 'function_signature_item', 'struct_item', 'line_comment', 'block_comment'];

interface UnitRecord {
  start: number;
  end: number;
  type: string;
  attributesKey: string;
  facts: UnitFacts;
  /** Offsets relative to `start`, so the record survives edits above it. */
  findings: Finding[];
  directives: Directive[];
}

interface Unit {
  node: Node;
  /** `node.type` and `node.endIndex`, read once: each read is a call into wasm, and every unit is visited on every keystroke. */
  type: string;
  end: number;
  attributes: ItemAttributes;
  key: string;
  record?: UnitRecord;
  /** Nodes of interest by type, gathered once when the unit is (re)read. */
  nodes?: Map<string, Node[]>;
}

export interface AnalysisResult {
  /** Every rule's findings, before suppression directives. */
  findings: Finding[];
  directives: Directive[];
  /** How many units were analysed afresh (the rest came from the cache). */
  analysedUnits: number;
  totalUnits: number;
}

export class IncrementalAnalyzer {
  private records = new Map<number, UnitRecord>();
  /** Text touched since the last analysis, in current offsets. */
  private dirty: Span[] = [];
  private factsKey: string | undefined;
  private readonly visitors = new Map<string, Rule[]>();
  /** Every node type gathered from a unit: what the rules visit plus FACT_TYPES. */
  private readonly wanted: string[];
  /** Whether anyone wants the nodes inside a comment (doc markers): if not, a comment unit is just itself. */
  private readonly wantsCommentInsides: boolean;

  constructor(
    rules: readonly Rule[],
    private readonly options: AnalysisOptions,
    /** A rule threw: its findings for that unit are lost, the other rules' are kept. */
    private readonly onRuleError: (rule: Rule, error: unknown) => void = () => {},
  ) {
    for (const rule of rules) {
      for (const type of Object.keys(rule.visit)) {
        const list = this.visitors.get(type) ?? [];
        list.push(rule);
        this.visitors.set(type, list);
      }
    }
    this.wanted = [...new Set([...this.visitors.keys(), ...FACT_TYPES])];
    this.wantsCommentInsides = this.wanted.some((t) => t.endsWith('doc_comment_marker') || t === 'doc_comment');
  }

  /** Moves cached results along with an edit of the text (offsets in UTF-16 code units). */
  noteEdit(start: number, oldEnd: number, newEnd: number): void {
    const delta = newEnd - oldEnd;
    const moved = new Map<number, UnitRecord>();
    for (const r of this.records.values()) {
      if (r.end <= start) moved.set(r.start, r);
      else if (r.start >= oldEnd) moved.set(r.start + delta, { ...r, start: r.start + delta, end: r.end + delta });
    }
    this.records = moved;
    const touched: Span = { start, end: newEnd };
    const dirty: Span[] = [];
    for (const d of this.dirty) {
      if (d.end < start) dirty.push(d);
      else if (d.start > oldEnd) dirty.push({ start: d.start + delta, end: d.end + delta });
      else {
        touched.start = Math.min(touched.start, d.start);
        touched.end = Math.max(touched.end, d.end > oldEnd ? d.end + delta : newEnd);
      }
    }
    dirty.push(touched);
    this.dirty = dirty;
  }

  /** Forgets every cached result (the text was replaced wholesale). */
  reset(): void {
    this.records.clear();
    this.dirty = [];
    this.factsKey = undefined;
  }

  analyze(tree: Tree, changedRanges: readonly Range[] = []): AnalysisResult {
    for (const r of changedRanges) this.dirty.push({ start: r.startIndex, end: r.endIndex });
    const units = this.collectUnits(tree.rootNode);
    let analysed = 0;

    for (const unit of units) {
      const r = this.records.get(unit.node.startIndex);
      if (r && r.end === unit.end && r.type === unit.type && r.attributesKey === unit.key && !this.isDirty(unit.node.startIndex, unit.end)) {
        unit.record = r;
      } else {
        unit.nodes = this.gather(unit.node);
        unit.record = {
          start: unit.node.startIndex,
          end: unit.end,
          type: unit.type,
          attributesKey: unit.key,
          facts: unitFacts(unit.node, FACT_TYPES.flatMap((t) => unit.nodes!.get(t) ?? [])),
          findings: [],
          directives: this.directives(unit),
        };
        analysed++;
      }
    }

    const facts = mergeFacts(units.map((u) => u.record!.facts));
    const key = factsKey(facts);
    const factsChanged = key !== this.factsKey;
    this.factsKey = key;

    const records = new Map<number, UnitRecord>();
    const findings: Finding[] = [];
    const directives: Directive[] = [];
    for (const unit of units) {
      const record = unit.record!;
      if (unit.nodes || factsChanged) {
        unit.nodes ??= this.gather(unit.node);
        record.findings = this.runRules(unit, facts).map((f) => shiftFinding(f, -record.start));
      }
      records.set(record.start, record);
      for (const f of record.findings) findings.push(shiftFinding(f, record.start));
      for (const d of record.directives) directives.push({ ...d, start: d.start + record.start, end: d.end + record.start });
    }
    this.records = records;
    this.dirty = [];
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    return { findings, directives, analysedUnits: factsChanged ? units.length : analysed, totalUnits: units.length };
  }

  private isDirty(s: number, e: number): boolean {
    for (const d of this.dirty) {
      if (d.start < e && s < d.end) return true;
      if (d.start === d.end && s < d.start && d.start < e) return true;
    }
    return false;
  }

  /** The units of the file, with the attributes that apply to each (own and inherited). */
  private collectUnits(root: Node): Unit[] {
    const units: Unit[] = [];
    const stack: [Node, ItemAttributes, string][] = [[root, { test: false, allows: [] }, '']];
    while (stack.length) {
      const [list, inheritedAtStart, implHeader] = stack.pop()!;
      let inherited = inheritedAtStart;
      let pending: Node[] = [];
      // The comments and attributes right in front of the current child. Siblings are read in one
      // pass: tree-sitter has no sibling links, so `previousNamedSibling` per item would be quadratic.
      let front: Node[] = [];
      const inBody = list.type === 'declaration_list';
      for (const child of list.namedChildren) {
        if (!child) continue;
        const type = child.type;
        if (type === 'attribute_item') {
          pending.push(child);
          front.push(child);
          continue;
        }
        if (type === 'inner_attribute_item' && inBody) inherited = readAttributes([child], inherited);
        const comment = COMMENTS.has(type);
        const attributes = comment ? inherited : readAttributes(pending, inherited);
        if (!comment) pending = [];
        const key = comment ? attributesKey(attributes) : `${attributesKey(attributes)}|${outsideContextKey(child, front, implHeader)}`;
        if (comment) front.push(child);
        else front = [];
        units.push({ node: child, type, end: child.endIndex, attributes, key });
        if (CONTAINERS.has(type)) {
          const body = child.childForFieldName('body');
          if (body?.type === 'declaration_list') stack.push([body, attributes, type === 'impl_item' ? child.text.slice(0, body.startIndex - child.startIndex) : '']);
        }
      }
    }
    return units;
  }

  /**
   * The nodes someone wants in a unit (the unit included, the bodies of nested containers not), by
   * type, in document order. `descendantsOfType` walks inside wasm and hands back only the matches:
   * a JS cursor walk crosses into wasm for every node, which cost more than parsing.
   */
  private gather(unit: Node): Map<string, Node[]> {
    const out = new Map<string, Node[]>();
    const keep = (node: Node) => {
      const list = out.get(node.type) ?? [];
      list.push(node);
      out.set(node.type, list);
    };
    if (COMMENTS.has(unit.type) && !this.wantsCommentInsides) {
      if (this.wanted.includes(unit.type)) keep(unit);
      return out;
    }
    // A container's body comes last and holds units of their own: stop where it starts.
    const body = CONTAINERS.has(unit.type) ? unit.childForFieldName('body') : null;
    const end = body?.type === 'declaration_list' ? body.startPosition : undefined;
    for (const node of unit.descendantsOfType(this.wanted, { row: 0, column: 0 }, end)) if (node) keep(node);
    return out;
  }

  private directives(unit: Unit): Directive[] {
    const comments = [...(unit.nodes!.get('line_comment') ?? []), ...(unit.nodes!.get('block_comment') ?? [])];
    return comments.flatMap((c) => (c.text.includes('rust-patterns:') ? parseDirectives(c.text, c.startIndex - unit.node.startIndex) : []));
  }

  private runRules(unit: Unit, facts: FileFacts): Finding[] {
    const sink: Finding[] = [];
    const ctx = new RuleContext(facts, this.options, unit.node, unit.attributes, sink);
    for (const [type, nodes] of unit.nodes!) {
      const rules = this.visitors.get(type);
      if (!rules) continue;
      for (const rule of rules) {
        ctx.rule = rule;
        try {
          for (const node of nodes) rule.visit[type](node, ctx);
        } catch (error) {
          this.onRuleError(rule, error);
        }
      }
    }
    return sink;
  }
}

/**
 * The text just outside an item that rules may read, so the item is analysed again when it changes:
 * the comments in front of it (doc comments for `missing_errors_doc`, `// SAFETY:` for
 * `undocumented_unsafe`) and the header of the impl it sits in (`impl Deref for X`).
 */
function outsideContextKey(item: Node, front: readonly Node[], implHeader: string): string {
  // Every comment and attribute right in front (not only docs: `// SAFETY:` for undocumented_unsafe),
  // with its distance in lines, so adding or removing a blank line in between counts as a change too.
  let key = '';
  for (const s of front) key += `${item.startPosition.row - s.startPosition.row}:${s.text}\n`;
  return `${key}|${implHeader}`;
}
