import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { isAsyncFn } from '../analysis/facts';
import { ancestorsOf } from './util/ancestors';
import { asMethodCall, calleeOf, snippet } from './util/syntax';

type UnawaitedFutureData = { await: boolean };

export const unawaitedFuture: Rule<UnawaitedFutureData> = {
  id: 'unawaited_future',
  severity: 'warning',
  allowedInTests: true,
  section: 'Async code blocks executors when mixing sync operations with await points',
  summary: 'A call to an `async fn` whose future is dropped without `.await` never runs',
  clippy: ['let_underscore_future'],
  docs: {
    what:
      'Flags a call to an `async fn` declared in the same file (a free function, or a method called on `self`), or elsewhere in ' +
      'its Cargo package and called through the package\'s paths (`db::save(..)`, `save(..)` under `use crate::db::save;`), whose ' +
      'future is thrown away: used as a statement on its own or bound to `let _ =`, with no `.await`.',
    why:
      'Futures in Rust are lazy: calling an async fn only builds a state machine, and nothing in its body happens until something ' +
      'polls it. A dropped future is a silent no-op: the row is never written, the message never sent, and no error says so, ' +
      'because the `Result` it would have produced is never created either. The compiler only warns about an unused future ' +
      'as a statement, and `let _ =` silences even that. Await the future, or hand it to `tokio::spawn` if it should run on its own.',
    setup: [
      '#[derive(Clone, Copy)]',
      'struct UserId(u64);',
      'struct Event {',
      '    user: UserId,',
      '}',
      '#[derive(Debug)]',
      'struct MailError;',
      'impl std::fmt::Display for MailError {',
      "    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
      '        f.write_str("mail server unreachable")',
      '    }',
      '}',
      'struct Orders;',
    ].join('\n'),
    example: [
      'async fn notify(user: UserId) -> Result<(), MailError> {',
      '    // …',
      '#     let _ = user;',
      '#     Ok(())',
      '}',
      '',
      'impl Orders {',
      '    async fn audit(&self, event: &Event) { /* … */ }',
      '',
      '    async fn handle(&self, event: Event) {',
      '        self.audit(&event);',
      '        let _ = notify(event.user);',
      '    }',
      '}',
    ].join('\n'),
    instead: [
      'async fn notify(user: UserId) -> Result<(), MailError> {',
      '    // …',
      '#     let _ = user;',
      '#     Ok(())',
      '}',
      '',
      'impl Orders {',
      '    async fn audit(&self, event: &Event) { /* … */ }',
      '',
      '    async fn handle(&self, event: Event) {',
      '        self.audit(&event).await;',
      '        if let Err(e) = notify(event.user).await {',
      '            tracing::warn!(error = %e, "notification failed");',
      '        }',
      '    }',
      '}',
    ].join('\n'),
  },
  // The name of an async fn of the file or its package; until the file's facts are read, any name where its text says `async`.
  mentions: ({ facts, text, crate }) => (facts || !text.includes('async') ? [...(facts?.asyncFns ?? []), ...(crate?.asyncFns ?? [])] : undefined),
  visit: {
    expression_statement(node, ctx) {
      if (!ctx.facts.asyncFns.size && !ctx.crate?.asyncFns.size) return;
      const call = node.namedChild(0);
      if (call) check(call, ctx);
    },
    let_declaration(node, ctx) {
      if ((!ctx.facts.asyncFns.size && !ctx.crate?.asyncFns.size) || node.childForFieldName('pattern')?.type !== '_') return;
      const call = node.childForFieldName('value');
      if (call) check(call, ctx);
    },
  },
  fix: {
    availability: 'sometimes',
    safety: 'safe',
    note: 'Offered inside async code, where `.await` can be added.',
  },
  fixes(finding, { node }) {
    // `.await` only exists in async code; elsewhere the user must decide (spawn it, block on it).
    if (finding.data?.await !== true) return [];
    const call = enclosing(node, finding.start, finding.end);
    if (!call) return [];
    return [{ title: 'Add `.await`', edits: [{ start: call.endIndex, end: call.endIndex, newText: '.await' }], safe: true, preferred: true }];
  },
};

/**
 * Reports `call` when it calls one of the file's async fns (`f(..)`, `Self::f(..)`, `self.f(..)`),
 * or one of its package's that the call names through the package's own paths (`db::save(..)`,
 * `crate::db::save(..)`, `save(..)` under `use crate::db::save;`).
 */
function check(call: Node, ctx: RuleContext): void {
  if (call.type !== 'call_expression') return;
  const fn = calleeOf(call);
  if (!fn) return;
  let name: string | undefined;
  /** The name can only be one of the package's fns. */
  let ours = false;
  if (fn.type === 'identifier') {
    name = fn.text;
    ours = isPackagePath(ctx.resolve(name), ctx);
    // A bare name never calls a method: `drop(x)` is std's drop, whatever `async fn drop(self)` the file has.
    if (!ours && !declaresFreeAsyncFn(call, name)) return;
  } else if (fn.type === 'scoped_identifier') {
    name = fn.childForFieldName('name')?.text;
    const path = fn.childForFieldName('path')?.text;
    ours = path === 'Self' || (!!path && isPackagePath(`${ctx.resolve(path)}::${name}`, ctx));
    if (path !== 'Self' && !ours) name = undefined;
  } else {
    // A method name alone says little (`tx.send(x)` is sync on std's channel): only `self.f()` is surely ours.
    const m = asMethodCall(call);
    // `self.f()` in an impl that declares a sync `f` calls that one, whatever another impl of the file says.
    if (m && m.receiver.type === 'self' && !syncMethodOfEnclosingImpl(call, m.name)) {
      name = m.name;
      ours = true;
    }
  }
  if (!name || !(ctx.facts.asyncFns.has(name) || (ours && !!ctx.crate?.asyncFns.has(name)))) return;
  ctx.report(call, `\`${snippet(call)}\` builds the future of \`async fn ${name}\` and drops it without \`.await\`: its body never runs.`, {
    data: { await: ctx.isAsyncContext(call) },
  });
}

/** An `async fn name` of the file outside any impl or trait (a module's or a fn's own item). */
function declaresFreeAsyncFn(at: Node, name: string): boolean {
  const root = ancestorsOf(at)?.at(-1);
  return (root?.descendantsOfType('function_item') ?? []).some(
    (f) => !!f && f.childForFieldName('name')?.text === name && isAsyncFn(f) && !ancestorsOf(f)?.some((a) => a.type === 'impl_item' || a.type === 'trait_item'),
  );
}

function syncMethodOfEnclosingImpl(call: Node, name: string): boolean {
  const impl = ancestorsOf(call)?.find((a) => a.type === 'impl_item');
  const items = impl?.childForFieldName('body')?.namedChildren ?? [];
  return items.some((f) => f?.type === 'function_item' && f.childForFieldName('name')?.text === name && !isAsyncFn(f));
}

function enclosing(node: Node, start: number, end: number): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) if (n.type === 'call_expression' && n.startIndex === start && n.endIndex === end) return n;
  return undefined;
}

/** `crate::…`, `self::…`, `super::…`, or a path starting at one of the package's modules. */
function isPackagePath(path: string, ctx: RuleContext): boolean {
  const head = path.split('::')[0];
  return head === 'crate' || head === 'self' || head === 'super' || (path.includes('::') && !!ctx.crate?.modules.has(head));
}
