import type { Node } from 'web-tree-sitter';
import { calleePathNode, pathTail } from './paths';
import { argumentsOf } from './syntax';

/** Seconds per unit of the duration constructors of std, chrono (`Duration`, `TimeDelta`) and time. */
const UNIT_SECONDS: Record<string, number> = {
  weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, secs: 1, mins: 60,
  from_secs: 1, from_mins: 60, from_hours: 3600, from_days: 86400, from_weeks: 604800,
};
const DURATION_TYPE = /^(?:Duration|TimeDelta|StdDuration|ChronoDuration|TimeDuration)$/;

/**
 * The seconds an expression spells out with literals: `Duration::days(30)`, `TimeDelta::try_hours(12)`,
 * `Duration::from_secs(60 * 60 * 24)`, `3600 * 24`, a sum of those; `consts` gives the value of a
 * constant the file declares. Undefined when any part is not a literal or a known constant.
 */
export function literalSeconds(expr: Node, consts: (name: string) => Node | undefined, depth = 0): number | undefined {
  if (depth > 8) return undefined;
  const inner = (n: Node | null | undefined) => (n ? literalSeconds(n, consts, depth + 1) : undefined);
  switch (expr.type) {
    case 'integer_literal': {
      const v = Number(expr.text.replace(/_/g, '').replace(/(?:[iu](?:8|16|32|64|128|size))$/, ''));
      return Number.isFinite(v) ? v : undefined;
    }
    case 'parenthesized_expression':
      return inner(expr.namedChild(0));
    case 'type_cast_expression':
      return inner(expr.childForFieldName('value'));
    case 'identifier': {
      const value = consts(expr.text);
      return value ? inner(value) : undefined;
    }
    case 'binary_expression': {
      const a = inner(expr.childForFieldName('left'));
      const b = inner(expr.childForFieldName('right'));
      if (a === undefined || b === undefined) return undefined;
      const op = expr.childForFieldName('operator')?.text;
      return op === '*' ? a * b : op === '+' ? a + b : undefined;
    }
    case 'call_expression': {
      const path = calleePathNode(expr);
      const [type, fn] = pathTail(path?.text ?? '', 2).split('::');
      const unit = UNIT_SECONDS[(fn ?? '').replace(/^try_/, '')];
      const args = argumentsOf(expr);
      if (!unit || !DURATION_TYPE.test(type ?? '') || args.length !== 1) return undefined;
      const n = inner(args[0]);
      return n === undefined ? undefined : n * unit;
    }
    case 'try_expression':
      return inner(expr.namedChild(0));
  }
  return undefined;
}

/** The durations written in `expr` (at any depth) whose length the literals give. */
export function durationsIn(expr: Node, consts: (name: string) => Node | undefined): { node: Node; seconds: number }[] {
  const out: { node: Node; seconds: number }[] = [];
  for (const call of [expr, ...expr.descendantsOfType('call_expression')]) {
    if (!call || call.type !== 'call_expression') continue;
    const seconds = literalSeconds(call, consts);
    if (seconds !== undefined) out.push({ node: call, seconds });
  }
  return out;
}
