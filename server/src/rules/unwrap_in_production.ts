import type { Rule } from './rule';
import { questionMarkFits } from './util/fallible';
import { callOfTail } from './util/spans';
import { asMethodCall, methodTail, snippet } from './util/syntax';

const UNWRAPS = /unwrap|expect/;

export const unwrapInProduction: Rule = {
  id: 'unwrap_in_production',
  severity: 'warning',
  section: 'Error handling separates production code from prototypes through proper Result propagation',
  summary: '`.unwrap()` / `.expect()` outside tests turns a recoverable error into a crash',
  allowedInTests: true,
  clippy: ['unwrap_used', 'expect_used'],
  docs: {
    what: 'Flags `.unwrap()` and `.expect(..)` calls in code that is not a test, a benchmark, an example or a build script.',
    why:
      'Both methods panic on `None` or `Err`. In a server a panic takes down the request, often the worker thread, and with ' +
      '`panic = "abort"` the whole process: one malformed input becomes an outage. They are fine in prototypes, examples and ' +
      'tests, where a crash is the point; examples in particular get copied into production verbatim, so they deserve care too. ' +
      'Production code should pass the error up with `?` or decide explicitly what happens with a `match`.',
    example: [
      '# use std::collections::HashMap;',
      '# type Config = HashMap<String, String>;',
      'fn port(cfg: &Config) -> u16 {',
      '    cfg.get("port").unwrap().parse().unwrap()',
      '}',
    ].join('\n'),
    instead: [
      '# use std::collections::HashMap;',
      '# type Config = HashMap<String, String>;',
      '# #[derive(Debug)]',
      '# enum ConfigError {',
      "#     Missing(&'static str),",
      "#     Invalid { key: &'static str, source: std::num::ParseIntError },",
      '# }',
      'fn port(cfg: &Config) -> Result<u16, ConfigError> {',
      '    let raw = cfg.get("port").ok_or(ConfigError::Missing("port"))?;',
      '    raw.parse().map_err(|e| ConfigError::Invalid { key: "port", source: e })',
      '}',
    ].join('\n'),
  },
  mentions: ['unwrap', 'expect'],
  visit: {
    call_expression(node, ctx) {
      if (!ctx.unitMentions(UNWRAPS)) return;
      const m = asMethodCall(node);
      if (!m) return;
      if (!((m.name === 'unwrap' && m.args.length === 0) || (m.name === 'expect' && m.args.length === 1))) return;
      const question = m.name === 'unwrap' && questionMarkFits(node, m.receiver, ctx);
      ctx.report(methodTail(m), `\`${snippet(m.receiver)}.${m.name}(${m.args.length ? '…' : ''})\` panics when the value is \`None\` or \`Err\`.`, {
        data: question ? { question } : undefined,
      });
    },
  },
  // Not for fix-all: the error now reaches the caller instead of stopping the program, a change of behaviour to review.
  fixes(finding, ctx) {
    const call = finding.data?.question ? callOfTail(ctx.node, finding) : undefined;
    const receiver = call && asMethodCall(call)?.receiver;
    if (!call || !receiver) return [];
    return [{ title: 'Propagate the error with `?`', edits: [{ start: receiver.endIndex, end: call.endIndex, newText: '?' }], safe: false, preferred: true }];
  },
};
