import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { nameWords } from './util/names';
import { calleePathNode, pathTail } from './util/paths';

/** The session crates whose `MemoryStore` keeps every session in the process. */
const SESSION_CRATE = /^(?:tower_sessions|tower_sessions_memory_store|axum_login|axum_sessions|async_session|axum_session)\b/;
/** Maps that hold per-user state: std's, dashmap, moka, lru, quick_cache. */
const MAP = /\b(?:HashMap|BTreeMap|DashMap|LruCache|Cache|IndexMap|FxHashMap|AHashMap)\s*</;
/** What a map whose values are live connections holds: those can only live in the process that owns the socket. */
const CONNECTION_VALUE = /Sender|Tx\b|Socket|Addr\b|Recipient|Handle|Connection|Channel|Stream|Sink|Ws|Peer|Client\b|Notify|Task/;

const WHY_SHARED = 'a second instance cannot see it, and a restart or rolling deploy loses it';

export const inMemorySessionState: Rule = {
  id: 'in_memory_session_state',
  severity: 'warning',
  section: 'State management patterns prevent race conditions and enable horizontal scaling',
  summary: 'Sessions or rate-limit counters kept in process memory instead of a shared store such as Redis',
  allowedInTests: true,
  docs: {
    what:
      "Flags session state kept inside the process: tower-sessions' (and axum-login's, async-session's) `MemoryStore`, a " +
      '`static` / `Lazy` / `OnceLock` map named for sessions or rate limits, and a struct field named for sessions, ' +
      'logins or rate limiting whose type is a map behind a `Mutex`/`RwLock` or a `DashMap`. Maps of live connections ' +
      '(senders, sockets, actor addresses) are left alone: a WebSocket belongs to the process that holds it.',
    why:
      'A service scales by running more instances behind a load balancer, and each instance has its own memory. A session ' +
      'created on one is unknown to the next request that lands on another, so users are logged out at random; a rate ' +
      'limit counted per process lets a client through N times faster with N instances; and every deploy, crash or ' +
      'autoscaling event wipes all of it, logging everyone out at once. The guide puts session data, rate-limiting state ' +
      'and user preferences in Redis (or another external store) so that instances can be added and old and new versions ' +
      'can run side by side during a rolling deployment. tower-sessions ships Redis, Postgres and SQLite stores with the ' +
      'same API, and `CachingSessionStore` keeps a local cache in front of one.',
    example: [
      '# use std::collections::HashMap;',
      '# use std::sync::Mutex;',
      '# struct Session {',
      '#     user_id: u64,',
      '# }',
      'struct AppState {',
      '    sessions: Mutex<HashMap<String, Session>>,',
      '}',
    ].join('\n'),
    instead: [
      '# struct RedisPool;',
      '// Sessions live in Redis (e.g. tower-sessions with its Redis store): every instance sees them.',
      'struct AppState {',
      '    redis: RedisPool,',
      '}',
    ].join('\n'),
  },
  mentions: [/session|rate_?limit|limiter|attempt|throttl|memorystore/i],
  visit: {
    call_expression(node, ctx) {
      const path = calleePathNode(node);
      if (!path || !/^MemoryStore::(?:new|default)$/.test(pathTail(path.text, 2))) return;
      const full = ctx.resolve(path.text);
      // Written bare, it is a session store only where the file is about sessions.
      if (SESSION_CRATE.test(full) || (full === path.text && /SessionManagerLayer|SessionLayer|AuthManagerLayer/.test(node.tree.rootNode.text))) {
        ctx.report(node, `\`${path.text}()\` keeps every session in this process: ${WHY_SHARED}. Use a Redis (or database) session store.`);
      }
    },
    static_item: checkStatic,
    field_declaration(node, ctx) {
      const name = node.childForFieldName('name')?.text;
      const type = node.childForFieldName('type');
      if (!name || !type || !kindOf(name)) return;
      const text = type.text;
      const locked = /\b(?:Mutex|RwLock)\s*</.test(text) && MAP.test(text);
      if ((!locked && !/\bDashMap\s*</.test(text)) || CONNECTION_VALUE.test(mapValue(text))) return;
      ctx.report(node, `\`${name}\` keeps ${kindOf(name)} in this process's memory: ${WHY_SHARED}. Keep it in Redis or another shared store.`);
    },
  },
};

/** `static SESSIONS: Lazy<Mutex<HashMap<..>>>`, `static RATE_LIMITS: OnceLock<DashMap<..>>`. */
function checkStatic(node: Node, ctx: RuleContext): void {
  const name = node.childForFieldName('name')?.text;
  const type = node.childForFieldName('type')?.text ?? '';
  const kind = name && kindOf(name);
  if (!kind || !MAP.test(type) || CONNECTION_VALUE.test(mapValue(type))) return;
  ctx.report(node.childForFieldName('name')!, `\`${name}\` keeps ${kind} in a static of this process: ${WHY_SHARED}. Keep it in Redis or another shared store.`);
}

/** What state a name says it holds: sessions, or rate-limit counters. */
function kindOf(name: string): string | undefined {
  const words = nameWords(name);
  if (words.some((w) => w === 'session' || w === 'sessions')) return 'sessions';
  if (words.includes('limiter') || words.includes('limiters') || (words.includes('rate') && words.some((w) => w.startsWith('limit'))) || words.some((w) => w.startsWith('throttl'))) return 'rate-limit state';
  if ((words.includes('login') || words.includes('failed')) && words.some((w) => w.startsWith('attempt'))) return 'login attempts';
  return undefined;
}

/** The value type of the innermost map in a type: `Session` in `Mutex<HashMap<String, Session>>`. */
function mapValue(type: string): string {
  const at = type.search(MAP);
  return at < 0 ? '' : type.slice(type.indexOf('<', at) + 1).replace(/^[^,]*,/, '');
}
