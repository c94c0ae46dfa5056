import { checkRule } from '../support/checkRule';

const RULE = 'unchecked_money_arithmetic';

describe(RULE, () => {
  it("flags the guide's discount underflow and money subtracted in unsigned parameters, lets and fields", () =>
    checkRule(RULE, `
      fn apply_discount(price: u32, discount: u32) -> u32 {
          price - discount
        //^^^^^^^^^^^^^^^^ \`price\` is money in \`u32\` and \`price - discount\` underflows when \`discount\` exceeds it
      }
      struct Account { id: u64, balance_cents: u64 }
      impl Account {
          fn withdraw(&mut self, amount: u64) {
              self.balance_cents -= amount;
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`balance_cents\` is money in \`u64\`
          }
      }
      fn refund(order: &Order) -> usize {
          let total_fee: usize = order.fees.iter().sum();
          total_fee - order.refunded
        //^^^^^^^^^^^^^^^^^^^^^^^^^^ \`total_fee\` is money in \`usize\`
      }
    `));

  it('flags a product of money in a 32-bit integer', () =>
    checkRule(RULE, `
      fn line_total(unit_price: u32, quantity: u32) -> u32 {
          quantity * unit_price
        //^^^^^^^^^^^^^^^^^^^^^ \`unit_price\` is money in \`u32\` and \`quantity * unit_price\` overflows past 4294967295
      }
    `));

  it('leaves checked and guarded arithmetic, signed and wide products, floats and non-money alone', () =>
    checkRule(RULE, `
      fn apply_discount(price: u32, discount: u32) -> Option<u32> {
          price.checked_sub(discount)
      }
      fn guarded(price: u64, discount: u64) -> Result<u64, Error> {
          if discount > price { return Err(Error::DiscountTooLarge); }
          Ok(price - discount)
      }
      fn branch(balance: u64, amount: u64) -> u64 {
          if balance >= amount { balance - amount } else { 0 }
      }
      fn signed(balance: i64, amount: i64) -> i64 { balance - amount }
      fn wide(price_cents: u64, quantity: u64) -> u64 { price_cents * quantity }
      fn float(price: f64, discount: f64) -> f64 { price - discount }
      fn times(elapsed: u64, start: u64, len: usize) -> u64 { elapsed - start }
      fn cost(total: u64, used: u64) -> u64 { total - used }
      fn minus_zero(price: u32) -> u32 { price - 0 }
    `));
});
