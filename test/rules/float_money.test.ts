import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'float_money';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => `${f.message.split('`')[1]}: ${f.text}`);

describe(RULE, () => {
  it('flags money-named fields, parameters, bindings and results typed f32/f64, on the float type', async () => {
    assert.deepStrictEqual(await flagged('struct LineItem { price: f64, quantity: u32, discount: Option<f32> }'), ['price: f64', 'discount: f32']);
    assert.deepStrictEqual(await flagged('fn refund(order_id: u64, refund_amount: f64) {}'), ['refund_amount: f64']);
    assert.deepStrictEqual(await flagged('fn f(items: &[Item]) { let total_price: f64 = items.iter().map(|i| i.price).sum(); let fee = 0.30; }'), ['total_price: f64', 'fee: 0.30']);
    assert.deepStrictEqual(await flagged('impl Cart { fn subtotal(&self) -> f64 { 0.0 } }'), ['subtotal: f64']);
    assert.deepStrictEqual(await flagged('struct Account { id: u64, balance: f64 }'), ['balance: f64']);
    assert.deepStrictEqual(await flagged('fn f(n: u32) { let price = n as f64 * 1.2; let cost_usd = n as f32; }'), ['cost_usd: f32']);
  });

  it('reads ambiguous words (amount, cost, total) as money only in a commercial context', async () => {
    assert.deepStrictEqual(await flagged('struct Order { id: u64, amount: f64 }'), ['amount: f64']);
    assert.deepStrictEqual(await flagged('struct Invoice { total: f64 }'), ['total: f64']);
    assert.deepStrictEqual(await flagged('fn charge_customer(customer: &Customer, amount: f64) {}'), ['amount: f64']);
    assert.deepStrictEqual(await flagged('struct Quote { price: Decimal, total: f32 }'), ['total: f32']);
    // A path cost, a blur amount, a total duration, SQLite's planner: not money.
    assert.deepStrictEqual(await flagged('struct Edge { to: usize, cost: f64 }'), []);
    assert.deepStrictEqual(await flagged('fn blur(image: &mut Image, amount: f32) {}'), []);
    assert.deepStrictEqual(await flagged('fn f() { let total = 0.0; let total_secs: f64 = 1.0; }'), []);
    assert.deepStrictEqual(await flagged('struct sqlite3_index_info { orderByConsumed: i32, estimatedCost: f64 }'), []);
  });

  it('leaves rates, exact types and non-money floats alone', async () => {
    assert.deepStrictEqual(await flagged('struct Pricing { tax_rate: f64, discount_percent: f32, price_cents: i64, price: Decimal, weight: f64 }'), []);
    assert.deepStrictEqual(await flagged('fn f(price: u64, on_price: fn(f64) -> f64) {}'), []);
  });
});
