import type { Rule } from '../rules/rule';
import type { FileFacts } from './facts';

export const COMMENTS = new Set(['line_comment', 'block_comment']);
/** Node types the analyzer itself needs, whatever the rules visit. */
export const FACT_TYPES = ['use_declaration', 'function_item', 'function_signature_item', 'struct_item'];
/** Comments are read for `// rust-patterns:` directives only where the unit's text has one. */
const DIRECTIVE_MARK = 'rust-patterns:';

/** What to read from a unit and which rules visit it, given the words its text holds. */
export interface Plan {
  /** Node types to gather. */
  wanted: string[];
  visitors: Map<string, Rule[]>;
  directives: boolean;
}

/**
 * Plans by the words a unit holds. Reading nodes out of wasm is most of what analysis costs, and
 * most nodes would go to rules that cannot fire: a rule's `mentions` say which words it needs.
 */
export class RulePlans {
  /** The rules that declare the words they need. A plan is keyed by a bit for each (and one for directives): 30 keep the key a small integer. */
  private readonly gated: Rule[];
  private readonly plans = new Map<number, Plan>();
  /** Per gated rule, its words and the local names the file's `use`s give to paths holding one (`use … LinkedList as List`). */
  private words: string[][];

  constructor(
    private readonly rules: readonly Rule[],
    /** Node types to gather in every unit, whatever its words (the macros whose bodies are analysed). */
    private readonly alwaysWanted: readonly string[] = [],
  ) {
    this.gated = rules.filter((r) => r.mentions?.length).slice(0, 30);
    this.words = this.wordsFor(undefined);
  }

  /** Takes the file's new facts; true when they give the rules' words new names, so units must be read again. */
  useFacts(facts: FileFacts): boolean {
    const words = this.wordsFor(facts);
    const renamed = JSON.stringify(words) !== JSON.stringify(this.words);
    this.words = words;
    return renamed;
  }

  /**
   * The rules whose words the unit's text holds (and those that need none), and the node types they
   * visit. Nothing visits what is inside a comment, so a comment's words need no look.
   */
  planFor(unitText: string, comment = false): Plan {
    let mask = unitText.includes(DIRECTIVE_MARK) ? 1 : 0;
    if (!comment) {
      this.words.forEach((words, i) => {
        if (words.some((w) => unitText.includes(w))) mask += 2 ** (i + 1);
      });
    }
    let plan = this.plans.get(mask);
    if (!plan) {
      const visitors = new Map<string, Rule[]>();
      for (const rule of this.rules) {
        const gate = this.gated.indexOf(rule);
        if (gate >= 0 && !(mask & (2 ** (gate + 1)))) continue;
        for (const type of Object.keys(rule.visit)) visitors.set(type, [...(visitors.get(type) ?? []), rule]);
      }
      const directives = (mask & 1) === 1;
      const wanted = [...new Set([...visitors.keys(), ...FACT_TYPES, ...this.alwaysWanted, ...(directives ? [...COMMENTS] : [])])];
      plan = { wanted, visitors, directives };
      this.plans.set(mask, plan);
    }
    return plan;
  }

  private wordsFor(facts: FileFacts | undefined): string[][] {
    return this.gated.map((rule) => {
      const words = [...rule.mentions!];
      for (const [local, path] of facts?.uses ?? []) if (words.some((w) => path.includes(w)) && !words.includes(local)) words.push(local);
      return words;
    });
  }
}
