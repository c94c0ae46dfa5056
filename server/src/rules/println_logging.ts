import type { Rule } from '../analysis/rule';
import { macroName } from './util/macros';
import { serverImport } from './util/services';
/** Printing macro → the tracing macro at the level it usually means. */
const LEVEL: Record<string, string | undefined> = { println: 'info', print: 'info', eprintln: 'error', eprint: 'error', dbg: undefined };

type PrintlnLoggingData = { level: string | null };

export const printlnLogging: Rule<PrintlnLoggingData> = {
  id: 'println_logging',
  // A hint: in the services corpus most prints in server files were a command line's own output
  // (--help, subcommands, the start-up banner), which the rule cannot tell from logging.
  severity: 'hint',
  section: 'Cloud-native patterns balance resilience with operational complexity',
  summary: '`println!`/`eprintln!`/`dbg!` as logging in a service: no levels, no structure, no request context',
  allowedInTests: true,
  clippy: ['print_stdout', 'print_stderr', 'dbg_macro'],
  docs: {
    what:
      'Flags `println!`, `print!`, `eprintln!`, `eprint!` and `dbg!` outside tests in a file that is part of a network ' +
      'service (it imports axum, actix-web, warp, rocket, poem, tonic\'s server, a hyper server, …). A hint by default: on ' +
      'real services most such prints were the binary\'s own command-line output (`--help`, subcommands, a start-up banner), ' +
      'which the rule cannot tell from logging.',
    why:
      'Printed lines carry no level, no timestamp, no fields and no span: in production they cannot be filtered, ' +
      'searched by request id, or shipped to a log pipeline as structured data, and they say nothing about which request ' +
      'produced them. Each call also takes a global lock on stdout and writes synchronously, which stalls async workers ' +
      'under load. The `tracing` crate gives levels, key-value fields and spans (`#[instrument]` adds the function\'s ' +
      'arguments to every event inside it), and its exporters feed OpenTelemetry and friends.',
    setup: [
      '#[derive(serde::Deserialize)]',
      'struct NewOrder {',
      '    customer_id: u64,',
      '}',
    ].join('\n'),
    example: [
      'use axum::{http::StatusCode, Json};',
      '',
      'async fn create_order(Json(req): Json<NewOrder>) -> StatusCode {',
      '    println!("creating order for {}", req.customer_id);',
      '    // …',
      '#     StatusCode::CREATED',
      '}',
    ].join('\n'),
    instead: [
      'use axum::{http::StatusCode, Json};',
      '',
      '#[tracing::instrument(skip(req), fields(customer = %req.customer_id))]',
      'async fn create_order(Json(req): Json<NewOrder>) -> StatusCode {',
      '    tracing::info!("creating order");',
      '    // …',
      '#     StatusCode::CREATED',
      '}',
    ].join('\n'),
  },
  mentions: Object.keys(LEVEL),
  visit: {
    macro_invocation(node, ctx) {
      const name = macroName(node);
      if (name === undefined || !(name in LEVEL) || node.childForFieldName('macro')?.type !== 'identifier') return;
      const server = serverImport(ctx.facts);
      if (!server) return;
      const path = node.childForFieldName('macro')!;
      ctx.report(
        { start: path.startIndex, end: path.nextSibling?.type === '!' ? path.nextSibling.endIndex : path.endIndex },
        `\`${name}!\` logs to ${name.startsWith('e') || name === 'dbg' ? 'stderr' : 'stdout'} in a service (this file uses \`${server.split('::')[0]}\`): no level, no fields, no request context. Use \`tracing\`.`,
        { data: { level: LEVEL[name] ?? null } },
      );
    },
  },
  fix: {
    availability: 'sometimes',
    safety: 'unsafe',
    note: 'Offered where the file already uses `tracing`; logs go where the subscriber sends them, not to stdout.',
  },
  fixes(finding, { text, node }) {
    const level = finding.data?.level;
    // Only where the file already uses tracing: the crate must be a dependency for the edit to compile.
    if (typeof level !== 'string' || !/\btracing::|\buse\s+tracing\b/.test(text)) return [];
    const mac = node.type === 'macro_invocation' ? node : node.parent;
    const path = mac?.childForFieldName('macro');
    const args = mac?.namedChildren.find((c) => c?.type === 'token_tree');
    if (!path || !args?.namedChildCount) return []; // `println!()` prints a blank line: nothing to log
    return [{ title: `Log with \`tracing::${level}!\``, edits: [{ start: path.startIndex, end: path.endIndex, newText: `tracing::${level}` }], safe: false, preferred: true }];
  },
};
