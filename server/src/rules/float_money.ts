import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { NodeVisitor, Rule } from '../analysis/rule';
import { MONEY_NAME, isMoneyName } from './util/money';
import { closest } from './util/syntax';

const FLOAT = /\bf(?:32|64)\b/;

export const floatMoney: Rule = {
  id: 'float_money',
  // A hint: the docs' last sentences say what the corpora measured.
  severity: 'hint',
  allowedInTests: true,
  section: 'Double-entry accounting maintains financial integrity through balanced transactions',
  summary: 'Money held in `f32`/`f64`: binary floats cannot represent cents exactly',
  docs: {
    what:
      'Flags a struct field, parameter, `let` binding or function result named like money (`price`, `fee`, `balance`, ' +
      '`amount`, `cost`, `total` in a commercial context…) whose type is `f32` or `f64`. ' +
      'A hint: a word that names money in one domain names something else in another (an audio channel\'s `balance`); judged strictly none of the 6 findings in Debian\'s crates was money (two sat in a derive macro\'s tests, which are now left alone as test code).',
    why:
      'Binary floating point cannot represent most decimal fractions: `0.1 + 0.2 != 0.3`, and a price of 19.99 is stored as ' +
      '19.989999999999998. Each operation rounds again, so totals drift, ledgers stop balancing, and the books violate ' +
      'accounting rules that demand debits equal credits to the cent. Use `rust_decimal::Decimal` (128-bit, 28 significant ' +
      'digits, exact in base 10, `dec!(19.99)` literals) or an integer count of minor units (`i64` cents) with a currency.',
    example: [
      'struct LineItem {',
      '    price: f64,',
      '    quantity: u32,',
      '}',
      '',
      '# fn total(items: &[LineItem]) -> f64 {',
      'let total: f64 = items.iter().map(|i| i.price * i.quantity as f64).sum();',
      '#     total',
      '# }',
    ].join('\n'),
    instead: [
      'use rust_decimal::Decimal;',
      '',
      'struct LineItem {',
      '    price: Decimal,',
      '    quantity: u32,',
      '}',
      '',
      '# fn total(items: &[LineItem]) -> Decimal {',
      'let total: Decimal = items.iter().map(|i| i.price * Decimal::from(i.quantity)).sum();',
      '#     total',
      '# }',
    ].join('\n'),
  },
  mentions: [MONEY_NAME],
  visit: {
    field_declaration: named('name', (node, name, ctx) => {
      check(name, node.childForFieldName('type'), closest(node, 'struct_item') ?? closest(node, 'enum_item'), ctx);
    }),
    parameter: named('pattern', (node, name, ctx) => {
      check(name, node.childForFieldName('type'), closest(node, 'function_item') ?? closest(node, 'function_signature_item'), ctx);
    }),
    let_declaration: named('pattern', (node, name, ctx) => {
      const value = node.childForFieldName('value');
      const floatValue = value && (value.type === 'float_literal' || (value.type === 'type_cast_expression' && FLOAT.test(value.childForFieldName('type')?.text ?? '')));
      check(name, node.childForFieldName('type') ?? (floatValue ? value : null), closest(node, 'function_item'), ctx);
    }),
    function_item: named('name', (node, name, ctx) => check(name, node.childForFieldName('return_type'), node, ctx)),
    function_signature_item: named('name', (node, name, ctx) => check(name, node.childForFieldName('return_type'), node, ctx)),
  },
};

/**
 * Visits a node named by its `field` child when that name could be money. Most names cannot (and
 * most units hold none that can), so the rest of the node is never read: each read is a call into wasm.
 */
function named(field: string, visit: (node: Node, name: Node, ctx: RuleContext) => void): NodeVisitor {
  return (node, ctx) => {
    const name = node.childForFieldName(field);
    if (name && MONEY_NAME.test(name.text.toLowerCase())) visit(node, name, ctx);
  };
}

function check(name: Node, type: Node | null, container: Node | undefined, ctx: RuleContext): void {
  if (!type || (name.type !== 'identifier' && name.type !== 'field_identifier')) return;
  const float = floatIn(type);
  if (!float || !isMoneyName(name.text, container)) return;
  ctx.report(float, `\`${name.text}\` is money held in \`${float.text}\`: binary floats cannot store most cent values exactly, and every operation rounds again.`);
}

/** The `f32`/`f64` in a type (`f64`, `Option<f64>`, `Vec<f64>`), or the float literal / cast of an untyped `let`. */
function floatIn(type: Node): Node | undefined {
  if (type.type === 'float_literal') return type;
  if (type.type === 'type_cast_expression') return type.childForFieldName('type') ?? undefined;
  if (!FLOAT.test(type.text)) return undefined;
  if (type.type === 'primitive_type') return type;
  // Skip function types and trait objects: `fn(f64) -> u64` holds no float.
  if (/\b(?:fn|Fn|FnMut|FnOnce)\b/.test(type.text)) return undefined;
  return type.descendantsOfType('primitive_type').find((t): t is Node => !!t && FLOAT.test(t.text));
}
