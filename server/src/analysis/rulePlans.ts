import type { Rule } from './rule';
import type { FileFacts } from './facts';
import { MACRO_TYPES } from './macroBodies';
import type { AnalysisOptions } from './ruleContext';

export const COMMENTS = new Set(['line_comment', 'block_comment']);
/**
 * Node types the analyzer reads for the file's facts (see `unitFacts`), each behind the word its
 * fact cannot be stated without: a `use`, an `async` fn, a `struct`.
 */
const FACT_WORDS: readonly [string, readonly string[]][] = [
  ['use', ['use_declaration']],
  ['async', ['function_item', 'function_signature_item']],
  ['struct', ['struct_item']],
];
export const FACT_TYPES = FACT_WORDS.flatMap(([, types]) => types);
/** Comments are read for `// rust-patterns:` directives only where the unit's text has one. */
const DIRECTIVE_MARK = 'rust-patterns:';
/** `İ` and the Kelvin sign: lowercased, they become (or start with) an ASCII letter. */
const LOWERCASES_TO_ASCII = /[\u0130\u212a]/;
/** Past this many words, looking for each in every unit costs more than visiting: the gate stays open. */
const MAX_WORDS = 64;

/** What to read from a unit and which rules visit it, given the words its text holds. */
export interface Plan {
  /** Node types to gather; none: the unit is not read from the tree at all. */
  wanted: string[];
  visitors: Map<string, Rule[]>;
  directives: boolean;
}

/** What a plan depends on besides the unit's words. */
export interface UnitKind {
  /** A comment: nothing visits what is inside it. */
  comment?: boolean;
  /** Test code by its attributes (or those of a module around it): the rules `allowedInTests` cannot report there. */
  test?: boolean;
  /** Macro calls and definitions are read, for the rules that run inside macro bodies. */
  macros?: boolean;
}

/** A gated rule's words: the declared ones, the local names `use`s give them, and its patterns; undefined: open everywhere. */
type Gate = { words: string[]; patterns: RegExp[] } | undefined;

/**
 * Plans by the words a unit holds. Reading nodes out of wasm is most of what analysis costs, and
 * most nodes would go to rules that cannot fire: a rule's `mentions` say which words it needs. This
 * is the one place a rule's words are looked for; its visitors need not look again. A unit whose
 * plan wants nothing is not read at all.
 */
export class RulePlans {
  /** The rules that can report in this file at all. */
  private readonly rules: readonly Rule[];
  /** Plans by key: directives, test, macros, one character per fact word, then one per rule, '1' where it runs. */
  private readonly plans = new Map<string, Plan>();
  private gates: Gate[];
  private text = '';
  /** The key's tail (macros, facts, rules) where nothing is read. */
  private readonly nothing: string;

  constructor(
    rules: readonly Rule[],
    private readonly options: Partial<AnalysisOptions> = {},
  ) {
    this.rules = rules.filter((r) => mayReport(r, options));
    this.nothing = '0'.repeat(1 + FACT_WORDS.length + this.rules.length);
    this.gates = this.gatesFor(undefined);
  }

  /** Before the file's facts are known, its text tells rules whose words come from the facts what the facts cannot hold. */
  useText(text: string): void {
    this.text = text;
    this.gates = this.gatesFor(undefined);
  }

  /** Takes the file's new facts; true when they give the rules' words new names, so units must be read again. */
  useFacts(facts: FileFacts): boolean {
    const gates = this.gatesFor(facts);
    const renamed = JSON.stringify(gates) !== JSON.stringify(this.gates);
    this.gates = gates;
    return renamed;
  }

  /** The rules whose words the unit's text holds (and those that need none), and the node types they visit. */
  planFor(unitText: string, { comment = false, test = false, macros = false }: UnitKind = {}): Plan {
    let lower: string | undefined;
    // Name patterns are case-insensitive, which equals reading lowercased names except where a character lowercases to ASCII.
    const lowercased = () => (lower ??= LOWERCASES_TO_ASCII.test(unitText) ? unitText.toLowerCase() : unitText);
    // Rules share words (`clone`, `Result`, `await`) and patterns: each is looked for once.
    const found = new Map<string | RegExp, boolean>();
    const has = (w: string | RegExp) => {
      let yes = found.get(w);
      if (yes === undefined) found.set(w, (yes = typeof w === 'string' ? unitText.includes(w) : w.test(w.ignoreCase ? lowercased() : unitText)));
      return yes;
    };
    const holds = (gate: Gate) => !gate || gate.words.some(has) || gate.patterns.some(has);
    const bit = (b: boolean) => (b ? '1' : '0');
    let key = bit(unitText.includes(DIRECTIVE_MARK)) + bit(test);
    // Nothing visits what is inside a comment, so a comment's words need no look.
    if (comment) key += this.nothing;
    else {
      key += bit(macros);
      for (const [word] of FACT_WORDS) key += bit(has(word));
      for (let i = 0; i < this.rules.length; i++) key += bit(!(test && this.rules[i].allowedInTests) && holds(this.gates[i]));
    }
    let plan = this.plans.get(key);
    if (!plan) {
      const visitors = new Map<string, Rule[]>();
      this.rules.forEach((rule, i) => {
        if (key[3 + FACT_WORDS.length + i] !== '1') return;
        for (const type of Object.keys(rule.visit)) visitors.set(type, [...(visitors.get(type) ?? []), rule]);
      });
      const directives = key[0] === '1';
      const facts = FACT_WORDS.flatMap(([, types], i) => (key[3 + i] === '1' ? types : []));
      const wanted = [...new Set([...visitors.keys(), ...facts, ...(key[2] === '1' ? MACRO_TYPES : []), ...(directives ? [...COMMENTS] : [])])];
      plan = { wanted, visitors, directives };
      this.plans.set(key, plan);
    }
    return plan;
  }

  private gatesFor(facts: FileFacts | undefined): Gate[] {
    return this.rules.map((rule) => {
      const mentions = typeof rule.mentions === 'function' ? rule.mentions({ facts, text: this.text, crate: this.options.crate }) : rule.mentions;
      if (!mentions) return undefined;
      const words = mentions.filter((w): w is string => typeof w === 'string');
      const patterns = mentions.filter((w): w is RegExp => typeof w !== 'string');
      for (const [local, path] of facts?.uses ?? []) if (words.some((w) => path.includes(w)) && !words.includes(local)) words.push(local);
      return words.length > MAX_WORDS ? undefined : { words, patterns };
    });
  }
}

/**
 * Whether the rule can report anywhere in the file: nothing reports in generated code, and the rules
 * that allow test code do not report in a test file (see `RuleContext.report`).
 */
function mayReport(rule: Rule, options: Partial<AnalysisOptions>): boolean {
  if (options.crate?.role === 'generated') return false;
  return !(options.testFile && rule.allowedInTests);
}
