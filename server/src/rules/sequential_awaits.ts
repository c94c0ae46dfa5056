import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { eolOf, indentAt } from '../analysis/edits';
import { asMethodCall, isComment, snippet } from './util/syntax';

/**
 * Methods whose order is the point (reading a stream, taking a lock, waiting for a signal): running
 * two of them at once changes what happens, or deadlocks.
 */
const ORDERED = /^(recv|next|accept|read\w*|write\w*|lock|acquire\w*|flush|shutdown|close|wait\w*|join|sleep\w*|tick|changed|notified|ready|poll\w*|begin|commit|rollback|transaction)$/;
/**
 * Names of one database connection or transaction: it runs one statement at a time, so two calls
 * handed the same one cannot overlap whether they borrow it `&` or `&mut`.
 */
const SINGLE_CONNECTION = /^(\w+_)?(conn|connection|tx|txn|transaction|executor)$/;
/** Client methods that only borrow the client (`&self`): sharing the client between both futures is fine. */
const SHARED_CLIENT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'request']);

interface AwaitedLet {
  decl: Node;
  pattern: Node;
  type?: Node;
  /** The awaited call, without `.await`. */
  call: Node;
  await: Node;
  tried: boolean;
  /** Names the pattern binds. */
  binds: Set<string>;
  /** Every identifier the call mentions. */
  mentions: Set<string>;
  /** Identifiers the call may borrow mutably: method-call roots and `&mut` operands. */
  exclusive: Set<string>;
}

export const sequentialAwaits: Rule = {
  id: 'sequential_awaits',
  // A hint: whether the second call may run when the first fails is the reader's call (see docs.what).
  severity: 'hint',
  section: 'Async code blocks executors when mixing sync operations with await points',
  summary: 'Consecutive independent `let x = f().await` run one after another; `tokio::join!` overlaps them',
  allowedInTests: true,
  docs: {
    what:
      'Flags two or more consecutive `let` statements that each await a call, where no later call uses a value bound by an ' +
      'earlier one, and the calls do not share a receiver they could need exclusively. Calls whose order is their meaning ' +
      '(`recv`, `read`, `lock`, `acquire`, `commit`…), calls handed the same `&mut` parameter and calls on one connection or ' +
      'transaction are left alone. Reported on the first `let`. A hint by default: on real code a quarter of such pairs ' +
      'are in that order on purpose (the first call gates the second), which the rule cannot see.',
    why:
      'Async code only saves time when waits overlap. Awaiting independent requests one by one adds their latencies: three ' +
      '100 ms calls take 300 ms in sequence and about 100 ms together, and the user waits for the sum on every request. ' +
      '`tokio::join!` polls the futures concurrently on the same task and hands back every result; `tokio::spawn` would run ' +
      'them in parallel on other threads. Keep them sequential when the second call must not happen if the first fails, ' +
      'or when they must happen in order (a write then a read of the same row).',
    setup: [
      'struct Client;',
      '#[derive(Clone, Copy)]',
      'struct UserId(u64);',
      'struct User;',
      'struct Order;',
      'struct Error;',
      'struct Page;',
      'impl Page {',
      '    fn new(_user: User, _orders: Vec<Order>) -> Page {',
      '        Page',
      '    }',
      '}',
      'async fn fetch_user(_http: &Client, _id: UserId) -> Result<User, Error> {',
      '    Ok(User)',
      '}',
      'async fn fetch_orders(_http: &Client, _id: UserId) -> Result<Vec<Order>, Error> {',
      '    Ok(Vec::new())',
      '}',
    ].join('\n'),
    example: [
      'async fn dashboard(http: &Client, id: UserId) -> Result<Page, Error> {',
      '    let user = fetch_user(http, id).await?;',
      '    let orders = fetch_orders(http, id).await?;',
      '    Ok(Page::new(user, orders))',
      '}',
    ].join('\n'),
    instead: [
      'async fn dashboard(http: &Client, id: UserId) -> Result<Page, Error> {',
      '    let (user, orders) = tokio::join!(fetch_user(http, id), fetch_orders(http, id));',
      '    Ok(Page::new(user?, orders?))',
      '}',
    ].join('\n'),
  },
  mentions: ['await'],
  visit: {
    block(node, ctx) {
      // A run is two awaited lets or more, each with its own `.await`.
      if (!awaitsTwice(node.text)) return;
      for (const run of independentRuns(node)) {
        const [first, ...rest] = run;
        ctx.report(
          { start: first.decl.startIndex, end: first.decl.endIndex },
          `\`${snippet(first.call)}.await\` and the ${rest.length === 1 ? 'next await do' : `next ${rest.length} awaits do`} not depend on one another but run one after another; \`tokio::join!\` would overlap them.`,
          { related: rest.map((r) => ({ start: r.await.startIndex, end: r.await.endIndex, message: `\`${snippet(r.call)}.await\` waits for the previous one to finish` })) },
        );
      }
    },
  },
  fix: {
    availability: 'sometimes',
    safety: 'unsafe',
    note: 'Offered where the run has no comment inside it; running futures concurrently changes the order their side effects happen in.',
  },
  fixes(finding, { text, node }) {
    const block = blockOf(node, finding.start);
    const run = block && independentRuns(block).find((r) => r[0].decl.startIndex === finding.start);
    if (!run) return [];
    const last = run[run.length - 1].decl;
    // Comments between the lets would be lost in the rewrite.
    if (block!.namedChildren.some((c) => c && isComment(c) && c.startIndex > run[0].decl.startIndex && c.startIndex < last.endIndex)) return [];
    const indent = indentAt(text, finding.start);
    const eol = eolOf(text);
    const temp = (l: AwaitedLet, i: number) => (l.pattern.type === 'identifier' ? l.pattern.text : `result_${i + 1}`);
    const tuple = run.map((l, i) => (l.tried ? temp(l, i) : bound(l)));
    const types = run.map((l) => (!l.tried && l.type ? l.type.text : '_'));
    const annotation = types.some((t) => t !== '_') ? `: (${types.join(', ')})` : '';
    const lines = [`let (${tuple.join(', ')})${annotation} = tokio::join!(${run.map((l) => l.call.text).join(', ')});`];
    run.forEach((l, i) => {
      if (l.tried) lines.push(`let ${bound(l)}${l.type ? `: ${l.type.text}` : ''} = ${temp(l, i)}?;`);
    });
    return [
      {
        title: 'Run them concurrently with `tokio::join!`',
        edits: [{ start: run[0].decl.startIndex, end: last.endIndex, newText: lines.join(eol + indent) }],
        // Both calls now run even when the first fails, and their side effects interleave.
        safe: false,
        preferred: true,
      },
    ];
  },
};

function awaitsTwice(code: string): boolean {
  const first = code.indexOf('await');
  return first >= 0 && code.indexOf('await', first + 5) >= 0;
}

/** What the `let` binds, with its `mut`: `mut orders` in `let mut orders = ..`. */
function bound(l: AwaitedLet): string {
  return l.decl.children.some((c) => c?.type === 'mutable_specifier') ? `mut ${l.pattern.text}` : l.pattern.text;
}

function blockOf(node: Node, start: number): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'let_declaration' && n.startIndex === start && n.parent?.type === 'block') return n.parent;
  }
  return undefined;
}

/** Maximal runs (two or more) of consecutive awaited lets in which no call depends on an earlier one. */
function independentRuns(block: Node): AwaitedLet[][] {
  const runs: AwaitedLet[][] = [];
  let run: AwaitedLet[] = [];
  // What the run so far binds, mentions and may borrow exclusively: checking against the unions
  // equals checking against every earlier let, in linear time.
  let seen = { binds: new Set<string>(), mentions: new Set<string>(), exclusive: new Set<string>() };
  const close = () => {
    if (run.length >= 2) runs.push(run);
    run = [];
    seen = { binds: new Set(), mentions: new Set(), exclusive: new Set() };
  };
  const mutParams = mutableReferenceParams(block);
  for (const stmt of block.namedChildren) {
    if (!stmt || isComment(stmt)) continue;
    const l = awaitedLet(stmt, mutParams);
    if (!l) {
      close();
      continue;
    }
    if (!independent(seen, l)) close();
    run.push(l);
    for (const key of ['binds', 'mentions', 'exclusive'] as const) l[key].forEach((n) => seen[key].add(n));
  }
  close();
  return runs;
}

function independent(earlier: Pick<AwaitedLet, 'binds' | 'mentions' | 'exclusive'>, b: AwaitedLet): boolean {
  for (const name of b.mentions) if (earlier.binds.has(name) || earlier.exclusive.has(name)) return false;
  for (const name of b.exclusive) if (earlier.mentions.has(name)) return false;
  return true;
}

function awaitedLet(stmt: Node, mutParams: Set<string>): AwaitedLet | undefined {
  if (stmt.type !== 'let_declaration' || stmt.childForFieldName('alternative')) return undefined;
  const pattern = stmt.childForFieldName('pattern');
  let value = stmt.childForFieldName('value');
  if (!pattern || !value || pattern.type === '_') return undefined;
  const tried = value.type === 'try_expression';
  if (tried) value = value.namedChild(0);
  if (value?.type !== 'await_expression') return undefined;
  const call = value.namedChild(0);
  if (call?.type !== 'call_expression') return undefined;
  const m = asMethodCall(call);
  if (m && (ORDERED.test(m.name) || (m.name === 'send' && m.args.length > 0))) return undefined;
  const binds = new Set(identifiers(pattern));
  const mentions = new Set(identifiers(call));
  return { decl: stmt, pattern, type: stmt.childForFieldName('type') ?? undefined, call, await: value, tried, binds, mentions, exclusive: exclusiveUses(call, mutParams) };
}

/** Identifier texts under `node` (iterative: expressions can nest deeply), `self` included. */
function identifiers(node: Node): string[] {
  const out: string[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' || n.type === 'self') out.push(n.text);
    for (const c of n.children) if (c) stack.push(c);
  }
  return out;
}

/**
 * Names a call may need for itself alone: method-call roots, `&mut` operands, a `&mut` parameter of
 * the enclosing fn passed on as it is (`parts` in `from_request_parts(parts, state)`, reborrowed
 * implicitly), and a single connection however it is passed.
 */
function exclusiveUses(call: Node, mutParams: Set<string>): Set<string> {
  const out = new Set<string>();
  const stack = [call];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && (mutParams.has(n.text) || SINGLE_CONNECTION.test(n.text))) out.add(n.text);
    if (n.type === 'reference_expression' && n.children.some((c) => c?.type === 'mutable_specifier')) {
      const v = n.childForFieldName('value');
      if (v) identifiers(v).forEach((i) => out.add(i));
    }
    const m = n.type === 'call_expression' ? asMethodCall(n) : undefined;
    if (m) {
      const root = receiverRoot(m.receiver);
      if (root && !(SHARED_CLIENT_METHODS.has(m.name) && m.receiver.type !== 'call_expression')) out.add(root);
    }
    for (const c of n.children) if (c) stack.push(c);
  }
  return out;
}

/** Parameters of the fn around `block` declared `&mut T`. */
function mutableReferenceParams(block: Node): Set<string> {
  const out = new Set<string>();
  let fn: Node | null = block.parent;
  while (fn && fn.type !== 'function_item' && fn.type !== 'closure_expression') fn = fn.parent;
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    const type = p?.type === 'parameter' ? p.childForFieldName('type') : undefined;
    const name = p?.childForFieldName('pattern');
    if (type?.type === 'reference_type' && type.children.some((c) => c?.type === 'mutable_specifier') && name?.type === 'identifier') out.add(name.text);
  }
  return out;
}

/** `self` in `self.client.get(..)`, `db` in `db.query(..)`; undefined when the receiver is computed. */
function receiverRoot(receiver: Node): string | undefined {
  let n = receiver;
  while (n.type === 'field_expression') n = n.childForFieldName('value')!;
  return n.type === 'identifier' || n.type === 'self' ? n.text : undefined;
}
