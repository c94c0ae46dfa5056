import type { Node } from 'web-tree-sitter';
import type { Fix, Rule } from '../analysis/rule';
import { calleePathNode } from './util/paths';
import { argumentsOf, asMethodCall, methodTail, snippet } from './util/syntax';

/** Blocking std calls whose tokio twin takes the same arguments and yields the same type once awaited. */
const TWINS = new Map<string, string>([
  ...[
    'read',
    'read_to_string',
    'write',
    'copy',
    'rename',
    'hard_link',
    'read_link',
    'canonicalize',
    'metadata',
    'symlink_metadata',
    'set_permissions',
    'create_dir',
    'create_dir_all',
    'remove_file',
    'remove_dir',
    'remove_dir_all',
  ].map((f): [string, string] => [`std::fs::${f}`, `tokio::fs::${f}`]),
  ['std::thread::sleep', 'tokio::time::sleep'],
]);

/**
 * Blocking calls without a same-typed twin (tokio's `File`, `ReadDir`, `TcpStream` are other types):
 * the fix moves them to the blocking pool. The value is how many leading arguments are paths.
 */
const OFFLOAD = new Map<string, number>([
  ['std::fs::read_dir', 1],
  ['std::fs::File::open', 1],
  ['std::fs::File::create', 1],
  ['std::net::TcpStream::connect', 0],
  ['std::net::TcpStream::connect_timeout', 0],
]);

/** Methods that block when called on `std::io::stdin()` directly. */
const STDIN_READS = new Set(['read_line', 'read_to_string', 'read_to_end', 'lines', 'lock']);
/** `std::process::Command` methods that wait for the child. */
const COMMAND_WAITS = new Set(['output', 'status']);

/** Re-raises a panic of the offloaded call where the call was, so nothing else changes. */
const JOIN = '.await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))';

type BlockingInAsyncData = { path: string };

export const blockingInAsync: Rule<BlockingInAsyncData> = {
  id: 'blocking_in_async',
  // A hint: the docs say what the corpora measured.
  severity: 'hint',
  section: 'Async code blocks executors when mixing sync operations with await points',
  summary: 'A blocking call (std::fs, thread::sleep, std::net, reqwest::blocking, stdin) inside async code stalls the executor thread',
  allowedInTests: true,
  docs: {
    what:
      'Flags blocking calls made directly inside an `async fn` or `async` block: `std::fs` functions and `File::open`, ' +
      '`std::thread::sleep`, `std::net::TcpStream::connect`, DNS lookups with `.to_socket_addrs()`, anything from ' +
      '`reqwest::blocking`, reading `std::io::stdin()`, ' +
      'and `std::process::Command::output()`/`status()`. Names are resolved through the `use` declarations; code in a plain ' +
      'closure or a nested sync fn (e.g. inside `spawn_blocking`) is not async context and is left alone, and so is an awaited ' +
      'call (a std function is never awaited). A hint: whether a blocked worker starves anyone depends on what else runs ' +
      'then, which the rule cannot see (a command-line tool runs one task; a service blocks briefly at start-up or shutdown, ' +
      'before or after it serves); judged strictly it was right on 3 of 5 findings in backend services\' files, 1 of 20 ' +
      'elsewhere, and 1 of 1 in Debian\'s crates.',
    why:
      'An async runtime runs many tasks on a handful of worker threads (tokio starts one per core). A blocking call does not ' +
      'yield at an `.await`: it holds its worker for as long as the disk, the network or the sleep takes, and every other task ' +
      'queued on that thread waits too. A few such calls under load starve the runtime, so unrelated requests time out. ' +
      '`reqwest::blocking` even panics when it is used inside a runtime. The async runtimes ship non-blocking versions ' +
      '(`tokio::fs`, `tokio::time::sleep`, `tokio::net`); when only a blocking API exists (a legacy library, a sync database ' +
      'driver, CPU-heavy work), `tokio::task::spawn_blocking` moves it to a separate pool sized for blocking work.',
    setup: [
      'use std::time::Duration;',
      'struct Config;',
      'fn parse(_raw: &str) -> Config {',
      '    Config',
      '}',
    ].join('\n'),
    example: [
      'async fn load(path: &str) -> std::io::Result<Config> {',
      '    let text = std::fs::read_to_string(path)?;',
      '    std::thread::sleep(Duration::from_millis(50));',
      '    Ok(parse(&text))',
      '}',
    ].join('\n'),
    instead: [
      'async fn load(path: &str) -> std::io::Result<Config> {',
      '    let text = tokio::fs::read_to_string(path).await?;',
      '    tokio::time::sleep(Duration::from_millis(50)).await;',
      '    Ok(parse(&text))',
      '}',
    ].join('\n'),
  },
  // Blocking only hurts in async code, which the unit marks with `async`.
  mentions: ['async'],
  visit: {
    call_expression(node, ctx) {
      const blocking = blockingCall(node, (p) => ctx.resolve(p));
      // A std call is never awaited: an awaited `fs::File::open(..)` is tokio's, whatever the imports say.
      if (!blocking || node.parent?.type === 'await_expression' || !ctx.isAsyncContext(node)) return;
      const twin = TWINS.get(blocking.path);
      const advice = twin
        ? `use \`${twin}(..).await\``
        : blocking.path.endsWith('to_socket_addrs')
          ? 'resolve with `tokio::net::lookup_host(..).await`'
          : 'move it to `tokio::task::spawn_blocking`';
      ctx.report(blocking.at, `\`${snippet(node)}\` blocks the executor thread inside async code; ${advice}.`, { data: { path: blocking.path } });
    },
  },
  fix: {
    availability: 'sometimes',
    safety: 'unsafe',
    note: 'Offered where tokio has an async twin of the call or it can move to `spawn_blocking`; either needs tokio (with its `fs`/`time` features) as a dependency, so it is never applied unasked.',
  },
  fixes(finding, { node }) {
    const call = ancestorCall(node, finding.start, finding.end);
    if (!call) return [];
    // The finding carries the resolved path; `use` facts are not part of the fix context.
    const path = typeof finding.data?.path === 'string' ? finding.data.path : '';
    const fn = calleePathNode(call);
    const twin = TWINS.get(path);
    if (fn && twin) {
      return [
        {
          title: `Use \`${twin}(..).await\``,
          edits: [
            { start: fn.startIndex, end: fn.endIndex, newText: twin },
            { start: call.endIndex, end: call.endIndex, newText: '.await' },
          ],
          // Needs tokio (with the fs/time features) as a dependency: offered, never applied on save.
          safe: false,
          preferred: true,
        },
      ];
    }
    const offload = fn && OFFLOAD.has(path) ? offloadFix(call, OFFLOAD.get(path)!) : offloadChainFix(call, path);
    return offload ? [offload] : [];
  },
};

interface BlockingCall {
  path: string;
  /** The smallest span naming the call: the called path, or the method tail. */
  at: Node | { start: number; end: number };
}

function blockingCall(call: Node, resolve: (written: string) => string): BlockingCall | undefined {
  const fn = calleePathNode(call);
  if (fn) {
    const path = resolve(fn.text);
    if (TWINS.has(path) || OFFLOAD.has(path) || path.startsWith('reqwest::blocking::')) return { path, at: fn };
    return undefined;
  }
  const m = asMethodCall(call);
  if (!m) return undefined;
  if (STDIN_READS.has(m.name) && m.receiver.type === 'call_expression') {
    const inner = calleePathNode(m.receiver);
    if (inner && resolve(inner.text) === 'std::io::stdin') return { path: `std::io::Stdin::${m.name}`, at: methodTail(m) };
  }
  // Only std's `ToSocketAddrs` has this method: a DNS lookup on the calling thread.
  if (m.name === 'to_socket_addrs' && m.args.length === 0) return { path: 'std::net::ToSocketAddrs::to_socket_addrs', at: methodTail(m) };
  if (COMMAND_WAITS.has(m.name) && m.args.length === 0 && chainRootPath(m.receiver, resolve) === 'std::process::Command::new') {
    return { path: `std::process::Command::${m.name}`, at: methodTail(m) };
  }
  return undefined;
}

/** The path called at the start of a builder chain: `Command::new` in `Command::new("ls").arg("-l")`. */
function chainRootPath(expr: Node, resolve: (written: string) => string): string | undefined {
  let n: Node | null = expr;
  for (let guard = 0; n && guard < 64; guard++) {
    if (n.type !== 'call_expression') return undefined;
    const fn = calleePathNode(n);
    if (fn) return resolve(fn.text);
    n = asMethodCall(n)?.receiver ?? null;
  }
  return undefined;
}

function ancestorCall(node: Node, start: number, end: number): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'call_expression' && n.startIndex <= start && n.endIndex >= end) return n;
  }
  return undefined;
}

/**
 * `tokio::task::spawn_blocking(..).await` around the call. The closure must be `'static`: path
 * arguments are turned into owned `PathBuf`s first (what `AsRef<Path>` accepts, `PathBuf::from`
 * accepts); other arguments must already be owned values or literals, else no fix is offered. The
 * task's `JoinError` only carries a panic of the call, which is re-raised: the expression keeps its type.
 */
function offloadFix(call: Node, pathArgs: number): Fix | undefined {
  const fn = calleePathNode(call)!;
  const args = [...argumentsOf(call)];
  if (!args.slice(pathArgs).every((a) => isOwnedValue(a) && !isBorrowedParameter(a))) return undefined;
  const names = args.map((_, i) => (i < pathArgs ? (pathArgs === 1 ? 'path' : `path${i + 1}`) : undefined));
  const lets = args.flatMap((a, i) => (names[i] ? [`let ${names[i]} = std::path::PathBuf::from(${a.text}); `] : []));
  const callText = `${fn.text}(${args.map((a, i) => names[i] ?? a.text).join(', ')})`;
  return spawnBlocking(call, lets.length ? `{ ${lets.join('')}move || ${callText} }` : `move || ${callText}`);
}

/**
 * `reqwest::blocking::get(..)` or a `Command` chain moved whole into `spawn_blocking`, when every
 * argument along the chain is an owned value the closure can take (stdin reads borrow a buffer: no fix).
 */
function offloadChainFix(call: Node, path: string): Fix | undefined {
  // Not reqwest's blocking `Client`: built off the runtime, it would still panic when dropped on it.
  if (path !== 'reqwest::blocking::get' && !path.startsWith('std::process::Command::')) return undefined;
  const args: Node[] = [];
  for (let n: Node | null = call, guard = 0; n?.type === 'call_expression' && guard < 64; guard++) {
    args.push(...argumentsOf(n));
    n = asMethodCall(n)?.receiver ?? null;
  }
  if (!args.every((a) => isOwnedValue(a) && !isBorrowedParameter(a))) return undefined;
  return spawnBlocking(call, `move || ${call.text}`);
}

function spawnBlocking(call: Node, closure: string): Fix {
  return {
    title: 'Run it on the blocking pool with `tokio::task::spawn_blocking`',
    edits: [{ start: call.startIndex, end: call.endIndex, newText: `tokio::task::spawn_blocking(${closure})${JOIN}` }],
    safe: false,
    preferred: true,
  };
}

/** A literal, a binding moved as is, or a constructor call of literals (`Duration::from_secs(5)`). */
function isOwnedValue(arg: Node): boolean {
  if (/literal$/.test(arg.type) || arg.type === 'identifier') return true;
  if (arg.type !== 'call_expression' || !calleePathNode(arg)) return false;
  return argumentsOf(arg).every((a) => /literal$/.test(a.type));
}

/** A parameter of the enclosing fn declared with a reference type: it cannot move into a `'static` closure. */
function isBorrowedParameter(arg: Node): boolean {
  if (arg.type !== 'identifier') return false;
  let fn = arg.parent;
  while (fn && fn.type !== 'function_item') fn = fn.parent;
  const params = fn?.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => p?.type === 'parameter' && p.childForFieldName('pattern')?.text === arg.text && /^&|^impl\b/.test(p.childForFieldName('type')?.text ?? ''));
}
