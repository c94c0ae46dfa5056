import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { resolveBinding } from './util/bindings';
import { MONEY_NAME, isMoneyName } from './util/money';
import { closest } from './util/syntax';

const UNSIGNED = /^(?:u8|u16|u32|u64|u128|usize)$/;
/** Integers narrow enough that a price times a quantity can overflow them (`u32` cents end at $42.9M). */
const NARROW = /^(?:u8|u16|u32|i8|i16|i32)$/;

type Operation = { op: '-' | '*'; left: Node; right: Node };

export const uncheckedMoneyArithmetic: Rule = {
  id: 'unchecked_money_arithmetic',
  severity: 'warning',
  section: 'Double-entry accounting maintains financial integrity through balanced transactions',
  summary: 'Money in an unsigned integer subtracted (or a 32-bit one multiplied) without `checked_`: underflow wraps or panics',
  allowedInTests: true,
  docs: {
    what:
      'Flags `a - b` and `a -= b` where `a` is money (named `price`, `balance`, `fee`, `discount`, `total` in a commercial ' +
      'context…) held in an unsigned integer (`u32`, `u64`, `usize`), and `a * b` / `a *= b` on money held in a 32-bit or ' +
      'smaller integer, when no comparison of the two operands comes before it in the function (`if price >= discount`). ' +
      'Types are read from the parameter, the `let` or the struct field the operand names; floats are `float_money`\'s.',
    why:
      'The compiler checks memory, not business rules: nothing stops a discount larger than the price. In an unsigned ' +
      'type `50 - 100` has no answer; debug builds panic, release builds wrap around to 4,294,967,246 for a `u32`, and the ' +
      'service keeps running with a price of 42 million dollars that flows into invoices, ledgers and reports without an ' +
      'error anywhere. Such failures are worse than a crash because metrics stay green. A `u32` of cents also overflows ' +
      'past $42.9M, which one large order times a quantity can reach. Say what should happen instead: `checked_sub` / ' +
      '`checked_mul` and return an error for the impossible case, or `saturating_sub` when clamping at zero is the rule; ' +
      'better still, a `Money` type whose operations cannot produce an invalid amount.',
    example: [
      'fn apply_discount(price: u32, discount: u32) -> u32 {',
      '    price - discount',
      '}',
    ].join('\n'),
    instead: [
      '# #[derive(Debug)]',
      '# struct DiscountExceedsPrice;',
      'fn apply_discount(price: u32, discount: u32) -> Result<u32, DiscountExceedsPrice> {',
      '    price.checked_sub(discount).ok_or(DiscountExceedsPrice)',
      '}',
    ].join('\n'),
  },
  mentions: [MONEY_NAME],
  visit: {
    binary_expression(node, ctx) {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if ((op === '-' || op === '*') && left && right) check(node, { op, left, right }, ctx);
    },
    compound_assignment_expr(node, ctx) {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if ((op === '-=' || op === '*=') && left && right) check(node, { op: op[0] as '-' | '*', left, right }, ctx);
    },
  },
};

function check(node: Node, { op, left, right }: Operation, ctx: RuleContext): void {
  // `price - discount` and `quantity * unit_price`: for a product, either side may be the money.
  const candidates = op === '-' ? [left] : [left, right];
  for (const operand of candidates) {
    const money = moneyOperand(operand);
    if (!money) continue;
    const wrong = op === '-' ? UNSIGNED.test(money.type) : NARROW.test(money.type);
    if (!wrong || isLiteral(op === '-' ? right : operand === left ? right : left, op) || comparedBefore(node, left, right)) continue;
    const what = op === '-' ? `underflows when \`${right.text}\` exceeds it: debug builds panic, release builds wrap to a huge amount` : `overflows past ${maxOf(money.type)}: debug builds panic, release builds wrap`;
    ctx.report(node, `\`${money.name}\` is money in \`${money.type}\` and \`${node.text.length <= 40 ? node.text : `${op}`}\` ${what}. Use \`checked_${op === '-' ? 'sub' : 'mul'}\` and handle the impossible case.`);
    return;
  }
}

/** The operand's money name and integer type, when it names a parameter, `let` or struct field of such a type. */
function moneyOperand(operand: Node): { name: string; type: string } | undefined {
  const name = operand.type === 'identifier' ? operand : operand.type === 'field_expression' ? operand.childForFieldName('field') : null;
  if (!name || !MONEY_NAME.test(name.text)) return undefined;
  if (operand.type === 'identifier') {
    const binding = resolveBinding(operand);
    if (!binding || binding.kind === 'pattern' || !binding.type) return undefined;
    return isMoneyName(name.text, binding.fn) ? { name: name.text, type: binding.type.text } : undefined;
  }
  const field = fieldDeclaration(operand.tree.rootNode, name.text);
  const type = field?.childForFieldName('type')?.text;
  return type && isMoneyName(name.text, closest(field!, 'struct_item')) ? { name: name.text, type } : undefined;
}

/** The one declaration of a struct field of that name in the file (none when several disagree on its type). */
function fieldDeclaration(root: Node, name: string): Node | undefined {
  let found: Node | undefined;
  for (const f of root.descendantsOfType('field_declaration')) {
    if (f?.childForFieldName('name')?.text !== name) continue;
    if (found && found.childForFieldName('type')?.text !== f.childForFieldName('type')?.text) return undefined;
    found = f;
  }
  return found;
}

/** `price - 0`, `amount * 1`: constants that cannot underflow or overflow. */
function isLiteral(other: Node, op: '-' | '*'): boolean {
  return other.type === 'integer_literal' && (op === '-' ? /^0/.test(other.text) : /^[01](?:[iu]\d+)?$/.test(other.text));
}

/**
 * A comparison of the two operands earlier in the function (`if balance < amount { return Err(..) }`,
 * `assert!(price >= discount)`, `.min(price)`): the author has handled the impossible case.
 */
function comparedBefore(node: Node, left: Node, right: Node): boolean {
  const fn = closest(node, 'function_item') ?? closest(node, 'closure_expression');
  const body = fn?.childForFieldName('body');
  if (!body) return false;
  const before = body.text.slice(0, node.startIndex - body.startIndex);
  const a = escape(left.text);
  const b = escape(right.text);
  return new RegExp(`${a}\\s*(?:<|>|<=|>=)\\s*${b}|${b}\\s*(?:<|>|<=|>=)\\s*${a}|\\.min\\(\\s*&?${a}\\s*\\)|${b}\\.min\\(`).test(before);
}

function escape(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*');
}

function maxOf(type: string): string {
  const bits = Number(type.slice(1));
  return type.startsWith('u') ? `${2 ** bits - 1}` : `${2 ** (bits - 1) - 1}`;
}
