import type { Node, Range, Tree } from 'web-tree-sitter';
import type { Rule } from './rule';
import { type ItemAttributes, attributesKey, readAttributes } from './attributes';
import { type Directive, parseDirectives } from './directives';
import { type FileFacts, NO_FACTS, type UnitFacts, factsKey, mergeFacts, unitFacts } from './facts';
import { type Finding, type Span, shiftFinding } from './finding';
import { type AnalysisOptions, RuleContext } from './ruleContext';
import { COMMENTS, FACT_TYPES, type Plan, RulePlans } from './rulePlans';
import { contextStart, frontKeyOf, lastFrontReachingBack } from './frontText';
import { textKey } from './textKey';
import { MacroAnalysis } from './macroAnalysis';
import { MACRO_TYPES } from './macroBodies';
import type { ParserSource } from './parsing';
import { enterUnit } from './treeLinks';
import { gatherNodes, visitNodes } from './visit';

/**
 * Analysis runs per unit: every item directly in the file or directly in a `mod`/`impl`/`trait`
 * body, and every comment or inner attribute there. A container (`impl`, `mod`…) is a unit of its own
 * for its header, and its body's items are units of their own, so an edit inside one method of a
 * 4,000-line impl re-analyses that method and the (shallow) impl, nothing else.
 *
 * Most edits fall strictly inside one unit that is not a container (typing in a fn body or a doc
 * comment): then only that unit, its containers and the items whose lines in front reach into it
 * are read from the tree again; everything else comes from the records, without a call into wasm.
 * Any other edit re-reads the unit lists (still reusing every record whose text did not change).
 */
const CONTAINERS = new Set(['mod_item', 'impl_item', 'trait_item', 'foreign_mod_item']);
/**
 * Dropped records kept for reuse: this many, plus twice the units of the larger of the last two
 * readings, so that both shapes of a file that flips between two survive (and older ones age out).
 */
const KEPT_DROPPED = 1000;
/** Paths from the root keep their last nodes only: copying whole paths would be quadratic in the nesting. */
const PATH_KEPT = 8;

interface UnitRecord {
  start: number;
  end: number;
  type: string;
  /** Index of the record of the container whose body holds this unit; -1 at the top of the file. */
  parent: number;
  attributes: ItemAttributes;
  /** Where the comments and attributes right in front of the item begin (its start when there are none). */
  front: number;
  /**
   * What the unit's findings depend on outside its own text: its attributes, the text in front
   * that rules read (see `contextStart`), the kind of container it sits in (for an impl, its header).
   */
  attributesKey: string;
  frontKey: string;
  headerKey: string;
  facts: UnitFacts;
  factsKey: string;
  /** The unit's own text, hashed, and whether its tree had no syntax error: such a unit reads the same wherever it moves. */
  textKey: string;
  clean: boolean;
  /** Offsets relative to `start`, so the record survives edits above it. */
  findings: Finding[];
  directives: Directive[];
}

/** A unit read from the tree in this analysis. */
interface Read {
  index: number;
  node: Node;
  /** The last nodes (`PATH_KEPT`) of the path from the root down to `node`, each the parent of the next. */
  path: Node[];
  /** The unit's own text: for a container, its header (its body's items are units of their own). */
  text: string;
  plan: Plan;
  nodes: Map<string, Node[]>;
}

export interface AnalysisResult {
  /** Every rule's findings, before suppression directives. */
  findings: Finding[];
  directives: Directive[];
  /** How many units were analysed afresh (the rest came from the cache). */
  analysedUnits: number;
  totalUnits: number;
  /** Only the units the edits touched were read from the tree (the unit lists were not walked). */
  local: boolean;
}

export class IncrementalAnalyzer {
  /** In document order, each container before the units of its body. */
  private records: UnitRecord[] = [];
  /**
   * Records the recent readings of the unit lists dropped, newest first. A half-typed line can make
   * tree-sitter swallow the rest of the file into one error node, or pull a 3,000-line trait apart
   * into top-level items, and put it back a keystroke later: the items that come back with the same
   * text and context are taken from here instead of being analysed again. Both shapes stay here
   * while the user types an unbalanced bracket in and out.
   */
  private dropped: UnitRecord[] = [];
  /** Text edited since the last analysis, in current offsets. */
  private edited: Span[] = [];
  /** The edited text and what the last reparse restructured: where the tree may differ from the records. */
  private dirty: Span[] = [];
  private facts: FileFacts | undefined;
  private factsKey: string | undefined;
  /** Which rules run on a unit and which node types are read for them, by the words the unit holds. */
  private readonly plans: RulePlans;
  private readonly macros: MacroAnalysis;

  constructor(
    rules: readonly Rule[],
    private readonly options: AnalysisOptions,
    /** Parses macro bodies (the document's parser: parses never interleave). */
    parsers: ParserSource,
    /** A rule threw: its findings for that unit are lost, the other rules' are kept. */
    private readonly onRuleError: (rule: Rule, error: unknown) => void = () => {},
  ) {
    this.macros = new MacroAnalysis(rules, options, parsers, onRuleError);
    this.plans = new RulePlans(rules, options);
  }

  /**
   * Moves cached results along with an edit of the text (offsets in UTF-16 code units). A record
   * that holds the edit grows or shrinks with it; one the edit cuts across can no longer be trusted.
   */
  noteEdit(start: number, oldEnd: number, newEnd: number): void {
    const delta = newEnd - oldEnd;
    for (const records of [this.records, this.dropped]) {
      for (const r of records) {
        if (r.front >= oldEnd) r.front += delta;
        if (r.end <= start) continue;
        if (r.start >= oldEnd) {
          r.start += delta;
          r.end += delta;
        } else if (r.start < start && oldEnd < r.end) r.end += delta;
        else r.start = r.end = -1;
      }
    }
    const touched: Span = { start, end: newEnd };
    const dirty: Span[] = [];
    for (const d of this.edited) {
      if (d.end < start) dirty.push(d);
      else if (d.start > oldEnd) dirty.push({ start: d.start + delta, end: d.end + delta });
      else {
        touched.start = Math.min(touched.start, d.start);
        touched.end = Math.max(touched.end, d.end > oldEnd ? d.end + delta : newEnd);
      }
    }
    dirty.push(touched);
    this.edited = dirty;
  }

  /** Forgets every cached result (the text was replaced wholesale). */
  reset(): void {
    this.records = [];
    this.dropped = [];
    this.edited = [];
    this.facts = this.factsKey = undefined;
  }

  /** `text` is what `tree` was parsed from; `changedRanges` what the last reparse restructured. */
  analyze(tree: Tree, text: string, changedRanges: readonly Range[] = []): AnalysisResult {
    this.dirty = [...this.edited, ...changedRanges.map((r) => ({ start: r.startIndex, end: r.endIndex }))];
    if (!this.facts) this.plans.useText(text);
    const local = this.reanalyseLocally(tree.rootNode, text);
    const analysed = local ?? this.reanalyseAll(tree.rootNode, text);
    this.edited = this.dirty = [];
    return this.result(analysed, local !== undefined);
  }

  /**
   * The fast path: every dirty span lies strictly inside one unit that is not a container, and the
   * tree still has each affected unit where the records say. Returns how many units were analysed,
   * or undefined (having changed nothing) when the edit reaches further or changes the file's facts.
   */
  private reanalyseLocally(root: Node, text: string): number | undefined {
    const facts = this.facts;
    if (!facts) return undefined;
    const targets = new Set<number>();
    /** Items whose text in front was edited. */
    const rekeyed = new Set<number>();
    for (const d of this.dirty) {
      const i = this.lastStartingBefore(d.start);
      const r = this.records[i];
      if (!r || !(r.start < d.start && d.end < r.end) || CONTAINERS.has(r.type) || r.type === 'inner_attribute_item') return undefined;
      targets.add(i);
      for (let p = r.parent; p >= 0; p = this.records[p].parent) targets.add(p);
      for (const item of this.itemsReadingInto(i, text)) {
        targets.add(item);
        rekeyed.add(item);
      }
    }

    const reads: Read[] = [];
    for (const index of targets) {
      const path = this.pathTo(root, index);
      if (!path) return undefined;
      const node = path[path.length - 1];
      reads.push(this.read(index, node, path.slice(-PATH_KEPT), text, this.records[index].attributes.test));
    }
    const fresh = new Map<number, UnitRecord>();
    for (const read of reads) {
      const old = this.records[read.index];
      const { parent, attributes, front, attributesKey, headerKey } = old;
      const frontKey = rekeyed.has(read.index) ? frontKeyOf(text, front, old.start) : old.frontKey;
      const record = this.newRecord(read, { parent, attributes, front, attributesKey, frontKey, headerKey });
      // A unit's contribution to the file's facts changed: every unit may read differently now.
      if (record.factsKey !== old.factsKey) return undefined;
      record.findings = this.runRules(read, record, facts, text);
      fresh.set(read.index, record);
    }
    for (const [index, record] of fresh) this.records[index] = record;
    return reads.length;
  }

  /**
   * Reads every unit list of the file, reusing the record of each unit the edits did not touch, and
   * of each error-free unit whose text is unchanged even where tree-sitter reports a restructuring.
   */
  private reanalyseAll(root: Node, text: string): number {
    // Several records may start at one offset (the same item inside and outside its trait): the first one whose keys match is taken.
    const old = new Map<number, UnitRecord[]>();
    for (const records of [this.records, this.dropped]) {
      for (const r of records) {
        if (r.start < 0) continue;
        const at = old.get(r.start);
        if (at) at.push(r);
        else old.set(r.start, [r]);
      }
    }
    const reused = new Set<UnitRecord>();
    const records: UnitRecord[] = [];
    /** Each unit's list frame and node, to make its path of when it must be read after all. */
    const places: [Node[], Node][] = [];
    const reads: Read[] = [];

    interface Frame {
      /** The last nodes of the path from the root down to the list. */
      path: Node[];
      children: (Node | null)[];
      next: number;
      parent: number;
      inherited: ItemAttributes;
      headerKey: string;
      inBody: boolean;
      /** The attributes, and the comments and attributes, right in front of the next item. */
      pending: Node[];
      frontStart: number;
    }
    const frame = (path: Node[], parent: number, inherited: ItemAttributes, headerKey: string): Frame => ({ path, children: path[path.length - 1].namedChildren, next: 0, parent, inherited, headerKey, inBody: path.length > 1, pending: [], frontStart: -1 });
    // Depth first with an explicit stack, so containers precede their bodies' units (document order).
    const stack = [frame([root], -1, { test: false, allows: [] }, '')];
    while (stack.length) {
      const f = stack[stack.length - 1];
      if (f.next >= f.children.length) {
        stack.pop();
        continue;
      }
      const child = f.children[f.next++];
      if (!child) continue;
      const type = child.type;
      const start = child.startIndex;
      const comment = COMMENTS.has(type);
      if (f.frontStart < 0 && (comment || type === 'attribute_item')) f.frontStart = start;
      // Outer attributes are read as part of the item they stand in front of.
      if (type === 'attribute_item') {
        f.pending.push(child);
        continue;
      }
      if (type === 'inner_attribute_item' && f.inBody) f.inherited = readAttributes([child], f.inherited);
      const attributes = comment ? f.inherited : readAttributes(f.pending, f.inherited);
      const front = comment || f.frontStart < 0 ? start : f.frontStart;
      if (!comment) {
        f.pending = [];
        f.frontStart = -1;
      }
      const index = records.length;
      const candidates = old.get(start);
      const context = { parent: f.parent, attributes, front, attributesKey: attributesKey(attributes), frontKey: comment ? '' : this.frontKeyAt(text, front, start, candidates?.[0]), headerKey: f.headerKey };
      const body = CONTAINERS.has(type) ? child.childForFieldName('body') : null;
      const list = body?.type === 'declaration_list' ? body : undefined;
      const prev = candidates && this.reusable(candidates, child, list, context, text);
      if (prev && !reused.has(prev)) {
        reused.add(prev);
        records.push(Object.assign(prev, context));
      } else {
        const read = this.read(index, child, pathOf(f.path, child), text, attributes.test);
        reads.push(read);
        records.push(this.newRecord(read, context));
      }
      places.push([f.path, child]);
      if (list) stack.push(frame(pathOf(pathOf(f.path, child), list), index, attributes, type === 'impl_item' ? textKey(text, start, list.startIndex) : type));
    }

    const dropped = [...this.records, ...this.dropped].filter((r) => r.start >= 0 && !reused.has(r)).slice(0, KEPT_DROPPED + 2 * Math.max(records.length, this.records.length));
    this.records = records;
    const facts = mergeFacts(records.map((r) => r.facts));
    const key = factsKey(facts);
    const factsChanged = key !== this.factsKey;
    // Their findings hold for the facts they were analysed with.
    this.dropped = factsChanged ? [] : dropped;
    this.facts = facts;
    this.factsKey = key;
    if (factsChanged) {
      const macrosRenamed = this.macros.useFacts(facts);
      // New names for the rules' words (a `use … as`, an async fn) may change what a unit must be read for.
      if (this.plans.useFacts(facts) || macrosRenamed) {
        for (let k = 0; k < reads.length; k++) {
          const { index, node, path, text: own, plan } = reads[k];
          const test = records[index].attributes.test;
          const now = this.planOf(node, own, test);
          if (now === plan) continue;
          // Fewer words than the text first suggested (no async fn after all) take fewer nodes: no second walk.
          if (now.wanted.every((t) => plan.wanted.includes(t))) reads[k] = { ...reads[k], plan: now, nodes: new Map([...reads[k].nodes].filter(([t]) => now.wanted.includes(t))) };
          else reads[k] = this.read(index, node, path, text, test);
        }
      }
      const read = new Set(reads.map((r) => r.index));
      for (let i = 0; i < records.length; i++) if (!read.has(i)) reads.push(this.read(i, places[i][1], pathOf(...places[i]), text, records[i].attributes.test));
    }
    for (const read of reads) records[read.index].findings = this.runRules(read, records[read.index], facts, text);
    return reads.length;
  }

  /** A record for a unit just read, in the context (`parent`, attributes, keys) its list gives it. */
  private newRecord(read: Read, context: Pick<UnitRecord, 'parent' | 'attributes' | 'front' | 'attributesKey' | 'frontKey' | 'headerKey'>): UnitRecord {
    const { node, nodes } = read;
    const start = node.startIndex;
    const end = node.endIndex;
    const comments = read.plan.directives ? [...(nodes.get('line_comment') ?? []), ...(nodes.get('block_comment') ?? [])] : [];
    // Most units of a documented file are comment lines, which state no facts.
    const comment = COMMENTS.has(read.node.type);
    const facts = comment ? NO_FACTS : unitFacts(node, FACT_TYPES.flatMap((t) => nodes.get(t) ?? []));
    return {
      start,
      end,
      type: node.type,
      ...context,
      facts,
      factsKey: comment ? '' : JSON.stringify(facts),
      textKey: textKey(read.text, 0, read.text.length),
      clean: comment || !node.hasError,
      findings: [],
      directives: comments.flatMap((c) => (c.text.includes('rust-patterns:') ? parseDirectives(c.text, c.startIndex - start) : [])),
    };
  }

  private result(analysedUnits: number, local: boolean): AnalysisResult {
    const findings: Finding[] = [];
    const directives: Directive[] = [];
    for (const r of this.records) {
      for (const f of r.findings) findings.push(shiftFinding(f, r.start));
      for (const d of r.directives) directives.push({ ...d, start: d.start + r.start, end: d.end + r.start });
    }
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    return { findings, directives, analysedUnits, totalUnits: this.records.length, local };
  }

  /**
   * The record among `candidates` (all starting where `child` starts) that holds for `child` in
   * `context`: same span, type and keys, and either where the tree did not change or, when it had no
   * syntax error, of the same text and still without one. The text is the same when no edit fell in
   * it: only then is it hashed, so a reparse that reports the whole file restructured costs a walk
   * of the unit lists, not a hash of every unit.
   */
  private reusable(candidates: UnitRecord[], child: Node, list: Node | undefined, context: Pick<UnitRecord, 'attributesKey' | 'frontKey' | 'headerKey'>, text: string): UnitRecord | undefined {
    const { startIndex: start, endIndex: end, type } = child;
    let key: string | undefined;
    let hasError: boolean | undefined;
    for (const prev of candidates) {
      if (prev.end !== end || prev.type !== type || prev.attributesKey !== context.attributesKey || prev.frontKey !== context.frontKey || prev.headerKey !== context.headerKey) continue;
      if (!overlaps(this.dirty, start, end)) return prev;
      if (!prev.clean) continue;
      const ownEnd = list ? list.startIndex : end;
      if (overlaps(this.edited, start, ownEnd)) {
        key ??= textKey(text, start, ownEnd);
        if (key !== prev.textKey) continue;
      }
      hasError ??= !COMMENTS.has(type) && child.hasError;
      if (!hasError) return prev;
    }
    return undefined;
  }

  /** The key of the text in front of the item at `start`: the record's, when no edit touched that text since. */
  private frontKeyAt(text: string, front: number, start: number, prev: UnitRecord | undefined): string {
    const from = contextStart(text, front);
    if (prev?.start === start && prev.front === front && !overlaps(this.edited, from, start)) return prev.frontKey;
    return textKey(text, from, start);
  }

  /** The index of the last record starting before `offset` (records are sorted by start), or -1. */
  private lastStartingBefore(offset: number): number {
    let lo = 0;
    let hi = this.records.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.records[mid].start < offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * The items after the unit at `index` in its list whose text in front (`contextStart`) reaches
   * into it: an edit of the unit may change what rules read for them. The search stops at the
   * last front that can (`lastFrontReachingBack`).
   */
  private itemsReadingInto(index: number, text: string): number[] {
    const { parent, end } = this.records[index];
    const limit = lastFrontReachingBack(text, end);
    const out: number[] = [];
    for (let i = index + 1; i < this.records.length && this.records[i].parent === parent; i++) {
      const r = this.records[i];
      if (r.front > limit) break;
      if (!COMMENTS.has(r.type) && contextStart(text, r.front) < end) out.push(i);
    }
    return out;
  }

  /**
   * The path from the root down to the node of the record at `index` (through the containers and
   * their bodies), if the tree still has the unit there, in the same list. Looked up from the root
   * down by offset: asking a node for its parent makes tree-sitter search down from the root anyway.
   */
  private pathTo(root: Node, index: number): Node[] | undefined {
    const chain: UnitRecord[] = [];
    for (let i = index; i >= 0; i = this.records[i].parent) chain.push(this.records[i]);
    const path = [root];
    for (let k = chain.length - 1; k >= 0; k--) {
      const r = chain[k];
      let list = path[path.length - 1];
      if (k < chain.length - 1) {
        const body = list.childForFieldName('body');
        if (body?.type !== 'declaration_list') return undefined;
        path.push((list = body));
      }
      const node = list.firstNamedChildForIndex(r.start);
      if (!node || node.startIndex !== r.start || node.endIndex !== r.end || node.type !== r.type) return undefined;
      path.push(node);
    }
    return path;
  }

  /** Reads the unit `node` (the record at `index`, test code if `test`): the nodes its plan wants, by type. */
  private read(index: number, node: Node, path: Node[], text: string, test: boolean): Read {
    // A container's body comes last and holds units of their own: the unit ends where it starts.
    const body = CONTAINERS.has(node.type) ? node.childForFieldName('body') : null;
    const bodyStart = body?.type === 'declaration_list' ? body : undefined;
    const own = text.slice(node.startIndex, bodyStart ? bodyStart.startIndex : node.endIndex);
    const plan = this.planOf(node, own, test);
    return { index, node, path, text: own, plan, nodes: gatherNodes(node, plan, bodyStart?.startPosition) };
  }

  private planOf(unit: Node, own: string, test: boolean): Plan {
    const comment = COMMENTS.has(unit.type);
    return this.plans.planFor(own, { comment, test, macros: !comment && this.macros.mayFireIn(own, test) });
  }

  /** Findings relative to the unit's start; `text` is the document's. */
  private runRules(read: Read, record: UnitRecord, facts: FileFacts, text: string): Finding[] {
    const types = [...read.nodes.keys()];
    const macros = types.some((type) => MACRO_TYPES.includes(type));
    if (!macros && !types.some((type) => read.plan.visitors.has(type))) return [];
    const sink: Finding[] = [];
    enterUnit(read.path);
    visitNodes(read.nodes, read.plan, new RuleContext(facts, this.options, read.node, read.text, record.attributes, sink), this.onRuleError);
    if (macros) {
      for (const type of MACRO_TYPES) {
        for (const mac of read.nodes.get(type) ?? []) sink.push(...this.macros.findings(mac, text, read.node, record.attributes, facts));
      }
    }
    return sink.map((f) => shiftFinding(f, -record.start));
  }
}

/** The last nodes of the path to `node`, whose list's path is `listPath`. */
function pathOf(listPath: Node[], node: Node): Node[] {
  return [...listPath.slice(1 - PATH_KEPT), node];
}

/** Whether one of `spans` touches `[start, end)`: overlaps it, or is an empty span (a deletion) inside it. */
function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  for (const d of spans) {
    if (d.start < end && start < d.end) return true;
    if (d.start === d.end && start < d.start && d.start < end) return true;
  }
  return false;
}
