import type { Node, Point } from 'web-tree-sitter';
import type { Rule } from './rule';
import { COMMENTS, type Plan } from './rulePlans';
import type { RuleContext } from './ruleContext';

/**
 * The nodes the plan wants in a unit (the unit included, up to `end`), by type, in document
 * order. `descendantsOfType` walks inside wasm and hands back only the matches: a JS cursor walk
 * crosses into wasm for every node, which cost more than parsing.
 */
export function gatherNodes(unit: Node, plan: Plan, end: Point | undefined): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const keep = (node: Node) => {
    const list = out.get(node.type) ?? [];
    list.push(node);
    out.set(node.type, list);
  };
  if (COMMENTS.has(unit.type)) {
    // Nothing visits what is inside a comment.
    if (plan.wanted.includes(unit.type)) keep(unit);
    return out;
  }
  if (!plan.wanted.length) return out;
  for (const node of unit.descendantsOfType(plan.wanted, { row: 0, column: 0 }, end)) if (node) keep(node);
  return out;
}

/** Runs the plan's visitors over the gathered nodes; a rule that throws loses its findings there, the others keep theirs. */
export function visitNodes(nodes: Map<string, Node[]>, plan: Plan, ctx: RuleContext, onRuleError: (rule: Rule, error: unknown) => void): void {
  for (const [type, list] of nodes) {
    const rules = plan.visitors.get(type);
    if (!rules) continue;
    for (const rule of rules) {
      ctx.rule = rule;
      try {
        for (const node of list) rule.visit[type](node, ctx);
      } catch (error) {
        onRuleError(rule, error);
      }
    }
  }
}
