import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import type { RuleContext } from '../analysis/ruleContext';
import { optionOrResult, questionMarkFits } from './util/fallible';
import { cannotFailHere } from './util/infallible';
import { callOfTail } from './util/spans';
import { argumentsOf, asMethodCall, calleeOf, methodTail, snippet } from './util/syntax';

/** What the panic needs, by what the receiver is known to hold; `unwrap_err`/`expect_err` need an `Ok`. */
const PANICS_ON = { option: '`None`', result: 'an `Err`', unknown: '`None` or `Err`', ok: '`Ok`' } as const;
/** Method → how many arguments it takes: `unwrap_err`/`expect_err` panic on `Ok` just the same. */
const PANICKING: Record<string, number> = { unwrap: 0, expect: 1, unwrap_err: 0, expect_err: 1 };
/** `Option::unwrap(x)`, `Result::expect(r, "..")`: the same methods called by path. */
const BY_PATH = /^(?:(?:std|core)::(?:option|result)::)?(Option|Result)::(unwrap|expect|unwrap_err|expect_err)$/;
/**
 * An `expect` message that states why the value cannot fail: the decision to panic was made and
 * written down, which is what the guide asks of an unwrap outside tests.
 */
const STATED_INVARIANT = /\b(?:always|never|infallible|cannot (?:fail|happen|be)|can't (?:fail|happen|be)|guaranteed|impossible|unreachable|invariant|by construction)\b/i;

type UnwrapInProductionData = { question: boolean };

export const unwrapInProduction: Rule<UnwrapInProductionData> = {
  id: 'unwrap_in_production',
  // A hint: see the docs' last sentences for what the corpora measured.
  severity: 'hint',
  section: 'Error handling separates production code from prototypes through proper Result propagation',
  summary: '`.unwrap()` / `.expect()` outside tests turns a recoverable error into a crash',
  allowedInTests: true,
  clippy: ['unwrap_used', 'expect_used'],
  docs: {
    what:
      'Flags `.unwrap()`, `.expect(..)`, `.unwrap_err()`, `.expect_err(..)` and their path forms (`Option::unwrap(x)`) in code ' +
      'that is not a test, a benchmark, an example or a build script. Left alone: calls that cannot fail at run time (in a ' +
      '`const` or `static`, `try_into()` of a fixed-length slice or an exact chunk into an array, the first piece of a ' +
      '`split`, `parse::<String>()`, a local or parameter declared `Result<T, Infallible>` or `Result<T, !>`), a panic ' +
      're-raised (`spawn(..).await.unwrap()`, a poisoned `lock()`, `read()` or `write()` unwrapped), and an `expect` whose ' +
      'message says why it cannot fail. A hint by default: judged strictly on real code, most unwraps outside tests ' +
      'restate an invariant the code has just established (a checked index, a value it built itself) or fail fast at ' +
      'start-up, which the rule cannot tell apart from a crash waiting for bad input: as a ' +
      'warning it was right on 45% of a sample of backend services and on none of a sample of Debian\'s libraries, and ' +
      'even its likeliest part (awaited requests and queries, std I/O, environment variables, deserialised text) only ' +
      'on 75%. Choose a level for it (`unwrap_used = "warn"` in `[lints.clippy]`, or in the settings) to see every ' +
      'unwrap at that level.',
    why:
      'Both methods panic on `None` or `Err`. In a server a panic takes down the request, often the worker thread, and with ' +
      '`panic = "abort"` the whole process: one malformed input becomes an outage. They are fine in prototypes, examples and ' +
      'tests, where a crash is the point; examples in particular get copied into production verbatim, so they deserve care too. ' +
      'Production code should pass the error up with `?` or decide explicitly what happens with a `match`.',
    example: ['fn port() -> u16 {', '    std::env::var("PORT").unwrap().parse().unwrap()', '}'].join('\n'),
    instead: [
      '# #[derive(Debug)]',
      '# enum ConfigError {',
      '#     Missing(std::env::VarError),',
      '#     Invalid(std::num::ParseIntError),',
      '# }',
      'fn port() -> Result<u16, ConfigError> {',
      '    let raw = std::env::var("PORT").map_err(ConfigError::Missing)?;',
      '    raw.parse().map_err(ConfigError::Invalid)',
      '}',
    ].join('\n'),
  },
  mentions: ['unwrap', 'expect'],
  visit: {
    call_expression(node, ctx) {
      const m = asMethodCall(node);
      if (!m) return unwrapByPath(node, ctx);
      if (PANICKING[m.name] !== m.args.length || cannotFailHere(node, m.receiver)) return;
      if (m.args.length && STATED_INVARIANT.test(m.args[0].text)) return;
      const question = m.name === 'unwrap' && questionMarkFits(node, m.receiver, ctx);
      const holds = m.name.endsWith('_err') ? 'ok' : (optionOrResult(m.receiver, ctx) ?? 'unknown');
      ctx.report(methodTail(m), `\`${snippet(m.receiver)}.${m.name}(${m.args.length ? '…' : ''})\` panics when the value is ${PANICS_ON[holds]}.`, {
        data: question ? { question } : undefined,
      });
    },
  },
  // Not for fix-all: the error now reaches the caller instead of stopping the program, a change of behaviour to review.
  fix: {
    availability: 'sometimes',
    safety: 'unsafe',
    note: 'Offered where the enclosing fn returns a `Result` whose error `?` converts into; the caller now sees the error instead of a panic.',
  },
  fixes(finding, ctx) {
    const call = finding.data?.question ? callOfTail(ctx.node, finding) : undefined;
    const receiver = call && asMethodCall(call)?.receiver;
    if (!call || !receiver) return [];
    return [{ title: 'Propagate the error with `?`', edits: [{ start: receiver.endIndex, end: call.endIndex, newText: '?' }], safe: false, preferred: true }];
  },
};

/** `Option::unwrap(x)` and its kin: a panic all the same, written as a path call. */
function unwrapByPath(node: Node, ctx: RuleContext<UnwrapInProductionData>): void {
  const fn = calleeOf(node);
  const name = fn?.type === 'scoped_identifier' ? BY_PATH.exec(fn.text.replace(/\s+/g, '')) : null;
  const args = name ? argumentsOf(node) : [];
  if (!name || !args.length || args.length !== PANICKING[name[2]] + 1 || cannotFailHere(node, args[0])) return;
  const holds = name[2].endsWith('_err') ? 'ok' : name[1] === 'Option' ? 'option' : 'result';
  ctx.report(node, `\`${snippet(node)}\` panics when the value is ${PANICS_ON[holds]}.`);
}
