import type { Node } from 'web-tree-sitter';
import { nameWordPattern, nameWords } from './names';

// What makes a name money, shared by the rules about money (float_money, unchecked_money_arithmetic).

/** Words that mean money wherever they appear. */
const MONEY = new Set([
  'price', 'prices', 'pricing', 'fee', 'fees', 'salary', 'salaries', 'wage', 'wages', 'payment', 'payments', 'refund', 'refunds',
  'revenue', 'subtotal', 'money', 'dollar', 'dollars', 'cent', 'cents', 'usd', 'eur', 'gbp', 'jpy', 'payout', 'deposit', 'withdrawal',
  'balance', 'invoice', 'tax', 'vat', 'discount', 'tuition', 'fare', 'rent', 'income', 'expense', 'expenses', 'profit',
]);
/** Words that mean money only next to other money words (`cost` is also a path cost, `total` a total time). */
const MAYBE_MONEY = new Set(['amount', 'amounts', 'cost', 'costs', 'total', 'charge', 'budget', 'tip', 'spend', 'paid', 'owed', 'due', 'debit', 'credit']);
/** Words around a binding that make it commerce: the struct, the function, the neighbours. */
const COMMERCE = new Set([
  ...MONEY, 'order', 'orders', 'cart', 'checkout', 'product', 'wallet', 'purchase', 'purchases', 'billing', 'ledger', 'currency',
  'account', 'transaction', 'transactions', 'customer', 'shop', 'sale', 'sales', 'bank', 'loan', 'mortgage', 'bill', 'transfer', 'pay',
  'charge', 'invoice', 'receipt', 'bid', 'quote', 'stripe',
]);
/** A ratio or weight next to a money word is not an amount (`tax_rate: f64`, `discount_percent`). */
const NOT_AN_AMOUNT = new Set(['rate', 'rates', 'ratio', 'percent', 'percentage', 'pct', 'factor', 'multiplier', 'weight', 'score', 'per', 'fraction', 'share', 'count', 'index', 'idx', 'id', 'len']);
/** What a name that could be money holds. */
export const MONEY_NAME = nameWordPattern([...MONEY, ...MAYBE_MONEY]);

/** A name that holds money: a money word, or an ambiguous one (`amount`, `total`) in a commercial context. */
export function isMoneyName(name: string, container: Node | undefined): boolean {
  const words = nameWords(name);
  if (words.some((w) => NOT_AN_AMOUNT.has(w))) return false;
  if (words.some((w) => MONEY.has(w))) return true;
  if (!words.some((w) => MAYBE_MONEY.has(w))) return false;
  return words.some((w) => COMMERCE.has(w)) || (!!container && commercialContext(container, name));
}

/**
 * The container is named for commerce (`struct Order`, `fn charge_customer`), or a neighbouring
 * field or parameter is money by itself (`price` next to `total`). Neighbours only count with a strong
 * word: `orderByConsumed` next to `estimatedCost` is SQLite's query planner, not a shop.
 */
function commercialContext(container: Node, self: string): boolean {
  if (nameWords(container.childForFieldName('name')?.text ?? '').some((w) => COMMERCE.has(w))) return true;
  const list = container.childForFieldName(container.type === 'struct_item' || container.type === 'enum_item' ? 'body' : 'parameters');
  for (const n of list?.descendantsOfType(['field_identifier', 'identifier']) ?? []) {
    if (n && n.text !== self && nameWords(n.text).some((w) => MONEY.has(w))) return true;
  }
  return false;
}
