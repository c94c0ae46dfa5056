import type { Rule } from './rule';
import type { FileFacts } from './facts';

export const COMMENTS = new Set(['line_comment', 'block_comment']);
/** Node types the analyzer itself needs, whatever the rules visit. */
export const FACT_TYPES = ['use_declaration', 'function_item', 'function_signature_item', 'struct_item'];
/** Comments are read for `// rust-patterns:` directives only where the unit's text has one. */
const DIRECTIVE_MARK = 'rust-patterns:';
/** `İ` and the Kelvin sign: lowercased, they become (or start with) an ASCII letter. */
const LOWERCASES_TO_ASCII = /[\u0130\u212a]/;

/** What to read from a unit and which rules visit it, given the words its text holds. */
export interface Plan {
  /** Node types to gather. */
  wanted: string[];
  visitors: Map<string, Rule[]>;
  directives: boolean;
}

/** A gated rule's words: the declared ones, the local names `use`s give them, and its patterns. */
interface Gate {
  words: string[];
  patterns: RegExp[];
}

/**
 * Plans by the words a unit holds. Reading nodes out of wasm is most of what analysis costs, and
 * most nodes would go to rules that cannot fire: a rule's `mentions` say which words it needs. This
 * is the one place a rule's words are looked for; its visitors need not look again.
 */
export class RulePlans {
  /** The rules that declare the words they need. */
  private readonly gated: Rule[];
  /** Plans by key: one character for directives, then one per gated rule, '1' where the unit holds its words. */
  private readonly plans = new Map<string, Plan>();
  private gates: Gate[];

  constructor(
    private readonly rules: readonly Rule[],
    /** Node types to gather in every unit, whatever its words (the macros whose bodies are analysed). */
    private readonly alwaysWanted: readonly string[] = [],
  ) {
    this.gated = rules.filter((r) => r.mentions?.length);
    this.gates = this.gatesFor(undefined);
  }

  /** Takes the file's new facts; true when they give the rules' words new names, so units must be read again. */
  useFacts(facts: FileFacts): boolean {
    const gates = this.gatesFor(facts);
    const renamed = JSON.stringify(gates.map((g) => g.words)) !== JSON.stringify(this.gates.map((g) => g.words));
    this.gates = gates;
    return renamed;
  }

  /**
   * The rules whose words the unit's text holds (and those that need none), and the node types they
   * visit. Nothing visits what is inside a comment, so a comment's words need no look.
   */
  planFor(unitText: string, comment = false): Plan {
    let lower: string | undefined;
    // Name patterns are case-insensitive, which equals reading lowercased names except where a character lowercases to ASCII.
    const lowercased = () => (lower ??= LOWERCASES_TO_ASCII.test(unitText) ? unitText.toLowerCase() : unitText);
    const matches = (p: RegExp) => p.test(p.ignoreCase ? lowercased() : unitText);
    const holds = (gate: Gate) => gate.words.some((w) => unitText.includes(w)) || gate.patterns.some(matches);
    const key = (unitText.includes(DIRECTIVE_MARK) ? '1' : '0') + this.gates.map((g) => (!comment && holds(g) ? '1' : '0')).join('');
    let plan = this.plans.get(key);
    if (!plan) {
      const visitors = new Map<string, Rule[]>();
      for (const rule of this.rules) {
        const gate = this.gated.indexOf(rule);
        if (gate >= 0 && key[gate + 1] !== '1') continue;
        for (const type of Object.keys(rule.visit)) visitors.set(type, [...(visitors.get(type) ?? []), rule]);
      }
      const directives = key[0] === '1';
      const wanted = [...new Set([...visitors.keys(), ...FACT_TYPES, ...this.alwaysWanted, ...(directives ? [...COMMENTS] : [])])];
      plan = { wanted, visitors, directives };
      this.plans.set(key, plan);
    }
    return plan;
  }

  private gatesFor(facts: FileFacts | undefined): Gate[] {
    return this.gated.map((rule) => {
      const words = rule.mentions!.filter((w): w is string => typeof w === 'string');
      const patterns = rule.mentions!.filter((w): w is RegExp => typeof w !== 'string');
      for (const [local, path] of facts?.uses ?? []) if (words.some((w) => path.includes(w)) && !words.includes(local)) words.push(local);
      return { words, patterns };
    });
  }
}
