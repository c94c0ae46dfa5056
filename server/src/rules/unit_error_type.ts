import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { isPublicApi } from './util/publicApi';
import { snippet } from './util/syntax';
import { genericTypesNamed, isTraitImplMember, resultErrorType } from './util/types';

function check(fn: Node, ctx: RuleContext): void {
  const ret = fn.childForFieldName('return_type');
  if (!ret || !ret.text.includes('Result')) return;
  const result = genericTypesNamed(ret, 'Result').find((r) => resultErrorType(r)?.type === 'unit_type');
  if (!result || isTraitImplMember(fn) || !isPublicApi(fn, ctx)) return;
  const name = fn.childForFieldName('name')?.text ?? 'this fn';
  ctx.report(result, `\`${name}\` returns \`${snippet(result)}\`: the \`()\` error tells callers nothing about what went wrong.`);
}

export const unitErrorType: Rule = {
  id: 'unit_error_type',
  // A hint: the docs' last sentence says what the corpora measured.
  severity: 'hint',
  section: 'Error handling separates production code from prototypes through proper Result propagation',
  summary: '`Result<_, ()>` in a signature: an error that carries no information',
  allowedInTests: true,
  clippy: ['result_unit_err'],
  docs: {
    what: 'Flags `Result<T, ()>` in the return type of a fn or trait method (implementations of a trait are left alone: the trait decides). In a Cargo package, only the fns its library exports, as clippy does. A hint: where a fn fails for one reason only ' +
      '(a value out of range, a buffer full, text outside a subset) `Result<T, ()>` is an `Option` in all but name and loses ' +
      'nothing, and some crates return `()` from hot parsing helpers on purpose, their callers adding the context; judged ' +
      'strictly it was right on 5 of 20 findings in Debian\'s crates.',
    why:
      'An error of type `()` says that something failed and nothing else: not which input, not why, not whether a retry could help. ' +
      'Callers cannot tell cases apart, logs show `Err(())`, and `?` cannot convert it into a richer error because `()` does not ' +
      'implement `std::error::Error`. If "absent" is all it means, `Option<T>` says that honestly; otherwise define an error enum ' +
      'with one variant per failure (derive it with `thiserror`), which implements `Error`, `Display` and `Debug` and chains ' +
      'its source.',
    example: ['pub fn parse_port(s: &str) -> Result<u16, ()> {', '    s.parse().map_err(|_| ())', '}'].join('\n'),
    instead: [
      '#[derive(Debug, thiserror::Error)]',
      'pub enum PortError {',
      '    #[error("port {0:?} is not a number")]',
      '    NotANumber(String, #[source] std::num::ParseIntError),',
      '}',
      '',
      'pub fn parse_port(s: &str) -> Result<u16, PortError> {',
      '    s.parse().map_err(|e| PortError::NotANumber(s.to_owned(), e))',
      '}',
    ].join('\n'),
  },
  mentions: ['Result'],
  visit: { function_item: check, function_signature_item: check },
};
