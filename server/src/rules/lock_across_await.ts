import type { Node } from 'web-tree-sitter';
import type { Fix, Rule } from '../analysis/rule';
import { eolOf, indentAt } from '../analysis/edits';
import { calleePathNode } from './util/paths';
import { argumentsOf, asMethodCall, isComment, snippet } from './util/syntax';

const LOCKS = new Set(['lock', 'read', 'write']);
/** What turns a std `LockResult` into the guard: `.unwrap()`, `.expect(..)`, `?`, `.unwrap_or_else(PoisonError::into_inner)`. */
const UNWRAPS = new Set(['unwrap', 'expect', 'unwrap_or_else']);
/** `io::stdout().lock()` and friends are not the shared state this rule is about. */
const STDIO = /(^|::)(stdout|stderr|stdin)$/;

interface Guard {
  decl: Node;
  name: string;
  lockCall: Node;
  /** The first `.await` while the guard lives, and the statement of the guard's block that holds it. */
  await: Node;
  statement: Node;
}

export const lockAcrossAwait: Rule = {
  id: 'lock_across_await',
  severity: 'warning',
  section: 'State management patterns prevent race conditions and enable horizontal scaling',
  summary: 'A std/parking_lot lock guard still alive at an `.await` blocks every other task that needs the lock',
  // Tests (compile-fail fixtures among them) hold guards across awaits on purpose, with no other task waiting.
  allowedInTests: true,
  clippy: ['await_holding_lock'],
  docs: {
    what:
      'Flags a guard bound with `let` from `.lock()`, `.read()` or `.write()` of a std or parking_lot lock (no `.await` on ' +
      'the lock call) that is still in scope at a later `.await` of the same block or a block nested in it, without a ' +
      '`drop(guard)` in between. Reported on the guard\'s `let`, pointing at the await. Guards of async locks ' +
      '(`tokio::sync::Mutex::lock().await`) are designed for this and are not flagged.',
    why:
      'A std or parking_lot guard blocks the thread that waits for it. Holding one across an `.await` keeps the lock for as ' +
      'long as the awaited I/O takes, while the executor runs other tasks on the same thread; when one of them asks for the ' +
      'same lock, it blocks the worker thread the holder needs to finish, and the service deadlocks or crawls. The guard also ' +
      'makes the future `!Send`, so `tokio::spawn` refuses it. Take what you need, let the guard go (a block or ' +
      '`drop(guard)`), then await; if the lock truly must span the await, use `tokio::sync::Mutex`, or send messages to a task ' +
      'that owns the state.',
    setup: [
      'struct Stats {',
      '    requests: u64,',
      '}',
      'struct Db;',
      'impl Db {',
      '    async fn flush(&self) {}',
      '}',
    ].join('\n'),
    example: [
      'use std::sync::{Mutex, PoisonError};',
      '',
      'async fn record(state: &Mutex<Stats>, db: &Db) {',
      '    let mut stats = state.lock().unwrap_or_else(PoisonError::into_inner);',
      '    stats.requests += 1;',
      '    db.flush().await;',
      '}',
    ].join('\n'),
    instead: [
      'use std::sync::{Mutex, PoisonError};',
      '',
      'async fn record(state: &Mutex<Stats>, db: &Db) {',
      '    {',
      '        let mut stats = state.lock().unwrap_or_else(PoisonError::into_inner);',
      '        stats.requests += 1;',
      '    } // the guard is dropped here',
      '    db.flush().await;',
      '}',
    ].join('\n'),
  },
  mentions: ['await'],
  visit: {
    let_declaration(node, ctx) {
      // The guard before the async context: most lets hold no lock, and finding the context walks up the tree.
      const guard = heldGuard(node);
      if (!guard || !ctx.isAsyncContext(node)) return;
      ctx.report(
        { start: node.startIndex, end: guard.lockCall.endIndex },
        `The guard \`${guard.name}\` from \`${snippet(guard.lockCall)}\` is still held at \`${snippet(guard.await)}\`: other tasks needing the lock block their thread meanwhile.`,
        { related: [{ start: guard.await.startIndex, end: guard.await.endIndex, message: `\`${guard.name}\` is still locked while this awaits` }] },
      );
    },
  },
  fix: {
    availability: 'sometimes',
    safety: 'unsafe',
    note: 'Offered where the guard is not used after the `.await`; dropping it earlier changes what the lock protects.',
  },
  fixes(finding, { text, node }) {
    let decl: Node | null = node;
    while (decl && !(decl.type === 'let_declaration' && decl.startIndex === finding.start)) decl = decl.parent;
    const guard = decl && heldGuard(decl);
    if (!guard) return [];
    // Dropping is only possible when nothing from the awaiting statement on still uses the guard.
    for (let s: Node | null = guard.statement; s; s = s.nextNamedSibling) if (mentions(s, guard.name)) return [];
    const at = guard.statement.startIndex;
    // Both release the lock earlier than the code did: right for the await, but the user should look.
    const fixes: Fix[] = [
      {
        title: `Drop \`${guard.name}\` before the \`.await\``,
        edits: [{ start: at, end: at, newText: `drop(${guard.name});${eolOf(text)}${indentAt(text, at)}` }],
        safe: false,
        preferred: true,
      },
    ];
    const block = blockFix(guard, text);
    if (block) fixes.push(block);
    return fixes;
  },
};

/**
 * The guide's form: the statements from the guard's `let` up to the await, in a block of their own.
 * Only when nothing they declare is used afterwards, and no multi-line string would be re-indented.
 */
function blockFix(guard: Guard, text: string): Fix | undefined {
  const inside: Node[] = [];
  for (let s: Node | null = guard.decl; s && s.id !== guard.statement.id; s = s.nextNamedSibling) inside.push(s);
  const declared = inside.flatMap((s) => (s.type === 'let_declaration' && s.id !== guard.decl.id ? bindings(s.childForFieldName('pattern')) : []));
  for (let s: Node | null = guard.statement; s; s = s.nextNamedSibling) if (declared.some((name) => mentions(s!, name))) return undefined;
  const start = guard.decl.startIndex;
  const end = inside[inside.length - 1].endIndex;
  const body = text.slice(start, end);
  if (/"[^"]*\n/.test(body)) return undefined;
  const indent = indentAt(text, start);
  const unit = indent.includes('\t') ? '\t' : '    ';
  const eol = eolOf(text);
  return {
    title: `Put \`${guard.name}\` in a block that ends before the \`.await\``,
    edits: [{ start, end, newText: `{${eol}${indent}${unit}${body.replace(/\n(?=[^\r\n])/g, `\n${unit}`)}${eol}${indent}}` }],
    safe: false,
  };
}

function bindings(pattern: Node | null): string[] {
  const out: string[] = [];
  const stack = pattern ? [pattern] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') out.push(n.text);
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/** The guard a `let` binds, when it is still alive at a later `.await` of its block. */
function heldGuard(decl: Node): Guard | undefined {
  const pattern = decl.childForFieldName('pattern');
  const name = pattern?.type === 'identifier' ? pattern.text : undefined;
  const lockCall = lockCallOf(decl.childForFieldName('value'));
  if (!name || !lockCall || decl.parent?.type !== 'block') return undefined;
  for (let s = decl.nextNamedSibling; s; s = s.nextNamedSibling) {
    if (isComment(s)) continue;
    if (isDropOf(s, name) || rebinds(s, name)) return undefined;
    const awaited = firstAwait(s);
    if (awaited) return { decl, name, lockCall, await: awaited, statement: s };
  }
  return undefined;
}

/** The `.lock()`/`.read()`/`.write()` call a let's value is, once unwrapped; never one that is awaited. */
function lockCallOf(value: Node | null): Node | undefined {
  let v = value;
  for (let guard = 0; v && guard < 4; guard++) {
    if (v.type === 'try_expression') {
      v = v.namedChild(0);
      continue;
    }
    const m = asMethodCall(v);
    if (!m) return undefined;
    if (UNWRAPS.has(m.name)) {
      v = m.receiver;
      continue;
    }
    if (!LOCKS.has(m.name) || m.args.length !== 0) return undefined;
    const stdio = m.receiver.type === 'call_expression' ? calleePathNode(m.receiver) : undefined;
    return stdio && STDIO.test(stdio.text) ? undefined : v;
  }
  return undefined;
}

function isDropOf(stmt: Node, name: string): boolean {
  const call = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  if (call?.type !== 'call_expression') return false;
  const fn = calleePathNode(call);
  const args = argumentsOf(call);
  return !!fn && /(^|::)drop$/.test(fn.text) && args.length === 1 && args[0]?.text === name;
}

function rebinds(stmt: Node, name: string): boolean {
  if (stmt.type !== 'let_declaration') return false;
  const p = stmt.childForFieldName('pattern');
  return p?.type === 'identifier' && p.text === name;
}

/** The first `.await` in `node` that suspends this function: not one inside a closure, async block or nested item. */
function firstAwait(node: Node): Node | undefined {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'await_expression') return n;
    if (n.type === 'closure_expression' || n.type === 'async_block' || n.type === 'function_item') continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return undefined;
}

function mentions(node: Node, name: string): boolean {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === name) return true;
    for (const c of n.children) if (c) stack.push(c);
  }
  return false;
}
