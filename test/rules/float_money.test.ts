import { checkRule } from '../support/checkRule';

const RULE = 'float_money';

describe(RULE, () => {
  it('flags money-named fields, parameters, bindings and results typed f32/f64, on the float type', async () => {
    await checkRule(RULE, `
      struct LineItem { price: f64, quantity: u32, discount: Option<f32> }
                             //^^^ \`price\` is money held in \`f64\`
                                                                  //^^^ \`discount\` is money held in \`f32\`
    `);
    await checkRule(RULE, `
      fn refund(order_id: u64, refund_amount: f64) {}
                                            //^^^ \`refund_amount\` is money held in \`f64\`
    `);
    await checkRule(RULE, `
      fn f(items: &[Item]) { let total_price: f64 = items.iter().map(|i| i.price).sum(); let fee = 0.30; }
                                            //^^^ \`total_price\` is money held in \`f64\`
                                                                                                 //^^^^ \`fee\` is money held in \`0.30\`
    `);
    await checkRule(RULE, `
      impl Cart { fn subtotal(&self) -> f64 { 0.0 } }
                                      //^^^ \`subtotal\` is money held in \`f64\`
    `);
    await checkRule(RULE, `
      struct Account { id: u64, balance: f64 }
                                       //^^^ \`balance\` is money held in \`f64\`
    `);
    await checkRule(RULE, `
      fn f(n: u32) { let price = n as f64 * 1.2; let cost_usd = n as f32; }
                                                                   //^^^ \`cost_usd\` is money held in \`f32\`
    `);
  });

  it('reads ambiguous words (amount, cost, total) as money only in a commercial context', async () => {
    await checkRule(RULE, `
      struct Order { id: u64, amount: f64 }
                                    //^^^ \`amount\` is money held in \`f64\`
    `);
    await checkRule(RULE, `
      struct Invoice { total: f64 }
                            //^^^ \`total\` is money held in \`f64\`
    `);
    await checkRule(RULE, `
      fn charge_customer(customer: &Customer, amount: f64) {}
                                                    //^^^ \`amount\` is money held in \`f64\`
    `);
    await checkRule(RULE, `
      struct Quote { price: Decimal, total: f32 }
                                          //^^^ \`total\` is money held in \`f32\`
    `);
    // A path cost, a blur amount, a total duration, SQLite's planner: not money.
    await checkRule(RULE, `
      struct Edge { to: usize, cost: f64 }
    `);
    await checkRule(RULE, `
      fn blur(image: &mut Image, amount: f32) {}
    `);
    await checkRule(RULE, `
      fn f() { let total = 0.0; let total_secs: f64 = 1.0; }
    `);
    await checkRule(RULE, `
      struct sqlite3_index_info { orderByConsumed: i32, estimatedCost: f64 }
    `);
  });

  it('leaves rates, exact types and non-money floats alone', async () => {
    await checkRule(RULE, `
      struct Pricing { tax_rate: f64, discount_percent: f32, price_cents: i64, price: Decimal, weight: f64 }
    `);
    await checkRule(RULE, `
      fn f(price: u64, on_price: fn(f64) -> f64) {}
    `);
  });
});
