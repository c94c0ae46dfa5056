import type { Node } from 'web-tree-sitter';
import { isDocHidden } from '../analysis/attributes';
import type { Rule } from '../analysis/rule';
import { isPublicApi } from './util/publicApi';
import { snippet } from './util/syntax';
import { genericTypesNamed, isPub, isTraitImplMember, resultErrorType, typePath } from './util/types';

/** `String` (std's) or `&str` / `&'static str`. */
function isStringType(t: Node, resolve: (p: string) => string): boolean {
  if (t.type === 'reference_type') return t.childForFieldName('type')?.text === 'str';
  return (t.type === 'type_identifier' || t.type === 'scoped_type_identifier') && /^(?:(?:std|alloc)::string::)?String$/.test(resolve(typePath(t)));
}

/**
 * Checks whose error is the reason a value is rejected, written for the person who supplied it
 * (`validate`, `check_compatible`, `verify_config`): their callers report the text, they do not branch on it.
 */
const VALIDATOR = /^(?:validate|check|verify|ensure)(?:_|$)/;

export const stringErrorType: Rule = {
  id: 'string_error_type',
  severity: 'info',
  section: 'Error handling separates production code from prototypes through proper Result propagation',
  summary: '`Result<_, String>` / `Result<_, &str>` in a `pub fn`: callers must parse prose to handle errors',
  allowedInTests: true,
  docs: {
    what: 'Flags a `pub fn` (not `#[doc(hidden)]`, not a trait implementation, and in a Cargo package one its library exports) whose return type contains `Result<T, String>` or `Result<T, &str>`. ' +
      'Validators (`validate`, `check_…`, `verify_…`, `ensure_…`) are left alone: their error is the reason a value was rejected, for the person who supplied it.',
    why:
      'A string error is easy to write and hard to use. A caller that wants to retry on a timeout but not on bad input has to ' +
      'match on message text, which breaks the day someone rewords it; the value carries no structured context (which key, which ' +
      'address), no error source chain, and `String` does not implement `std::error::Error`, so it does not compose with `?` ' +
      'into `Box<dyn Error>`-free code or with `thiserror`/`anyhow` context. Public APIs should return an error enum with a ' +
      'variant per failure class, carrying the offending value and the reason.',
    setup: [
      'pub struct Account {',
      '    balance: u64,',
      '}',
    ].join('\n'),
    example: [
      '# impl Account {',
      'pub fn withdraw(&mut self, amount: u64) -> Result<(), String> {',
      '    if amount > self.balance {',
      '        return Err(format!("insufficient funds: {}", self.balance));',
      '    }',
      '    // …',
      '#     self.balance -= amount;',
      '#     Ok(())',
      '}',
      '# }',
    ].join('\n'),
    instead: [
      '#[derive(Debug, thiserror::Error)]',
      'pub enum WithdrawError {',
      '    #[error("insufficient funds: balance {balance}, requested {requested}")]',
      '    InsufficientFunds { balance: u64, requested: u64 },',
      '}',
      '',
      '# impl Account {',
      '',
      'pub fn withdraw(&mut self, amount: u64) -> Result<(), WithdrawError> {',
      '    if amount > self.balance {',
      '        return Err(WithdrawError::InsufficientFunds { balance: self.balance, requested: amount });',
      '    }',
      '    // …',
      '#     self.balance -= amount;',
      '#     Ok(())',
      '}',
      '# }',
    ].join('\n'),
  },
  mentions: ['Result'],
  visit: {
    function_item(fn, ctx) {
      const ret = fn.childForFieldName('return_type');
      if (!ret || !ret.text.includes('Result')) return;
      const result = genericTypesNamed(ret, 'Result').find((r) => {
        const err = resultErrorType(r);
        return !!err && isStringType(err, (p) => ctx.resolve(p));
      });
      // The fn's place and docs last: reading them walks the tree.
      if (!result || !isPub(fn) || isTraitImplMember(fn) || isDocHidden(fn) || !isPublicApi(fn, ctx)) return;
      const name = fn.childForFieldName('name')?.text ?? 'this fn';
      if (VALIDATOR.test(name)) return;
      ctx.report(result, `\`pub fn ${name}\` returns \`${snippet(result)}\`: callers can only tell its errors apart by reading the text.`);
    },
  },
};
