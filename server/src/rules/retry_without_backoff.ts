import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { nameWords } from './util/names';
import { calleePathNode } from './util/paths';
import { argumentsOf, closest, snippet } from './util/syntax';

const SLEEP = /^(?:std::thread|tokio::time|async_std::task|smol::Timer|futures_timer)::sleep$/;
/** `Duration::from_millis(100)`, `Duration::from_secs(1)`, `RETRY_DELAY`: the same wait every time. */
const CONSTANT_DURATION = /^(?:(?:std|core)::time::|time::)?Duration::from_(?:millis|secs|micros|nanos|secs_f32|secs_f64)\(\s*(?:[\d_.]+(?:u64|u32|f64|f32)?|[A-Z][A-Z0-9_]*)\s*\)$|^(?:\w+::)*[A-Z][A-Z0-9_]*$/;
const RETRY_WORDS = new Set(['attempt', 'attempts', 'retry', 'retries', 'retried', 'tries', 'tried']);
/** Anything that grows or randomises the wait. */
const BACKOFF = /backoff|jitter|\brand\b|rand::|thread_rng|fastrand|exponential|\.pow\(|<<|\*=|saturating_mul|checked_mul|\*\s*2\b/i;
/** Signs that the retried operation talks to another service. */
const REMOTE = /\.await\b|\b(?:connect\w*|send\w*|request|execute|query\w*|fetch\w*|post|put|call|invoke|publish|charge|upload|download)\s*\(/;
const LOOPS = new Set(['loop_expression', 'while_expression', 'for_expression']);

export const retryWithoutBackoff: Rule = {
  id: 'retry_without_backoff',
  // A hint: the docs' last sentences say what the corpora measured.
  severity: 'hint',
  section: 'Payment gateway integration demands idempotency and retry logic',
  summary: 'A retry loop that waits the same fixed delay before every attempt: no exponential backoff, no jitter',
  allowedInTests: true,
  docs: {
    what:
      'Flags `thread::sleep` / `tokio::time::sleep` with a constant `Duration` inside a loop that retries a remote ' +
      'operation (it counts attempts or retries, handles an `Err`, and awaits or connects, sends, queries…), when nothing in ' +
      'the function grows or randomises the delay. ' +
      'A hint: the fixed-delay loops in real services wait for a dependency at start-up (one process polling its database or queue until it answers), where no herd of clients retries together; judged strictly neither of the 2 findings in backend services called for a change.',
    why:
      'When a dependency fails, every client that was talking to it fails at the same moment; if they all wait the same ' +
      'fixed delay, they all come back at the same moment too, and the retry storm keeps the service down (a thundering ' +
      'herd). Exponential backoff spreads the load over time and jitter desynchronises the clients: start around 100 ms, ' +
      'double the delay on each attempt, add a random jitter of up to 100 ms, and give up after 3–5 attempts.',
    setup: [
      'use std::time::Duration;',
      'struct Request;',
      'struct Receipt;',
      'struct Declined;',
      'struct Gateway;',
      'impl Gateway {',
      '    async fn charge(&self, _req: &Request) -> Result<Receipt, Declined> {',
      '        Ok(Receipt)',
      '    }',
      '}',
    ].join('\n'),
    example: [
      '# async fn pay(gateway: &Gateway, req: Request) -> Result<Receipt, Declined> {',
      'for attempt in 1..=5 {',
      '    match gateway.charge(&req).await {',
      '        Ok(receipt) => return Ok(receipt),',
      '        Err(e) if attempt < 5 => tokio::time::sleep(Duration::from_millis(500)).await,',
      '        Err(e) => return Err(e),',
      '    }',
      '}',
      '#     Err(Declined)',
      '# }',
    ].join('\n'),
    instead: [
      '# use rand::Rng;',
      '# async fn pay(gateway: &Gateway, req: Request) -> Result<Receipt, Declined> {',
      'for attempt in 1..=5u32 {',
      '    match gateway.charge(&req).await {',
      '        Ok(receipt) => return Ok(receipt),',
      '        Err(e) if attempt < 5 => {',
      '            let backoff = Duration::from_millis(100 * 2u64.pow(attempt - 1));',
      '            let jitter = Duration::from_millis(rand::thread_rng().gen_range(0..100));',
      '            tokio::time::sleep(backoff + jitter).await;',
      '        }',
      '        Err(e) => return Err(e),',
      '    }',
      '}',
      '#     Err(Declined)',
      '# }',
    ].join('\n'),
  },
  mentions: ['sleep'],
  visit: {
    call_expression(node, ctx) {
      const path = calleePathNode(node);
      if (!path || !SLEEP.test(ctx.resolve(path.text))) return;
      const args = argumentsOf(node);
      if (args.length !== 1 || !CONSTANT_DURATION.test(args[0].text.replace(/\s+/g, ''))) return;
      const loop = enclosingLoop(node);
      if (!loop || !isRetryLoop(loop)) return;
      const fn = closest(node, 'function_item') ?? loop;
      if (BACKOFF.test(fn.text)) return;
      ctx.report(node, `\`${snippet(node, 60)}\` waits the same time before every retry: clients that failed together retry together. Back off exponentially, with jitter.`);
    },
  },
};

/** The loop the sleep runs in, within the same function or closure. */
function enclosingLoop(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (LOOPS.has(n.type)) return n;
    if (n.type === 'function_item' || n.type === 'closure_expression') return undefined;
  }
  return undefined;
}

/**
 * A loop that counts its attempts, looks at an error, and calls something remote (an `.await`, a
 * connect, send, query…): a retry against a shared service, not a poll or a local file-system retry.
 */
function isRetryLoop(loop: Node): boolean {
  const text = loop.text;
  if (!/\bErr\b|\.is_err\(\)|\.is_ok\(\)/.test(text) || !REMOTE.test(text)) return false;
  return loop.descendantsOfType('identifier').some((id) => !!id && nameWords(id.text).some((w) => RETRY_WORDS.has(w)));
}
