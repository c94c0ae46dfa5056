import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { snippet } from './util/syntax';

/** Locks, from std, tokio, parking_lot, futures or async-std (or written bare). */
const LOCK = /^(?:(?:std::sync|tokio::sync|parking_lot|futures::lock|futures_util::lock|async_std::sync)::)?(?:Mutex|RwLock)$/;
/** Pool types that name what they pool: `PgPool`, `DbPool`, `ConnectionPool`… (not `ThreadPool`, `StringPool`). */
const NAMED_POOL = /^(?:Pg|Postgres|MySql|Mysql|Sqlite|Mssql|Any|Db|Database|Redis|Sql|Connection|Conn)Pool$/;
/** Crates whose `Pool` is a connection pool. */
const POOL_CRATE = /^(?:sqlx|r2d2|deadpool\w*|bb8\w*|mobc\w*|diesel|redis|mysql|mysql_async|tiberius|scylla)::/;
/** Type arguments that make a bare `Pool<…>` a connection pool. */
const CONNECTION_ARGS = /\b(?:Postgres|MySql|Sqlite|Mssql|Any|\w*ConnectionManager|\w*Manager|\w*Connection)\b/;

export const mutexAroundPool: Rule = {
  id: 'mutex_around_pool',
  severity: 'warning',
  section: 'State management patterns prevent race conditions and enable horizontal scaling',
  summary: 'A connection pool behind a `Mutex`/`RwLock` serialises every query behind one lock',
  docs: {
    what: 'Flags `Mutex<…>` and `RwLock<…>` wrapped directly around a database connection pool (`PgPool`, `sqlx::Pool<_>`, `r2d2::Pool<_>`, deadpool, bb8, …).',
    why:
      'A pool exists so that many requests can each check out a connection at the same time, and it already does its own ' +
      'synchronisation (it is `Send + Sync` and cheap to clone: clones share one pool behind an `Arc`). A mutex around it ' +
      'lets only one task touch the pool at a time; held across the query, it turns a pool of twenty connections into a ' +
      'single-file queue, and under load every handler waits on the lock instead of the database. Share the pool itself: ' +
      'clone it into each task, or put it in the application state as is.',
    example: [
      '# use std::sync::Arc;',
      '# use sqlx::PgPool;',
      '# use tokio::sync::Mutex;',
      'struct AppState {',
      '    db: Arc<Mutex<PgPool>>,',
      '}',
      '',
      "# async fn users(state: AppState, query: sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments>) -> sqlx::Result<()> {",
      'let rows = state.db.lock().await.fetch_all(query).await?;',
      '#     Ok(())',
      '# }',
    ].join('\n'),
    instead: [
      '# use sqlx::PgPool;',
      '#[derive(Clone)]',
      'struct AppState {',
      '    db: PgPool, // already an Arc inside',
      '}',
      '',
      "# async fn users(state: AppState, query: sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments>) -> sqlx::Result<()> {",
      'let rows = query.fetch_all(&state.db).await?;',
      '#     Ok(())',
      '# }',
    ].join('\n'),
  },
  mentions: ['Mutex', 'RwLock'],
  visit: {
    generic_type(node, ctx) {
      const lock = node.childForFieldName('type');
      if (!lock || !LOCK.test(ctx.resolve(lock.text))) return;
      const inner = node.childForFieldName('type_arguments')?.namedChildren.find((c) => !!c && c.type !== 'lifetime');
      if (!inner || !isConnectionPool(inner, ctx)) return;
      ctx.report(
        node,
        `\`${snippet(node, 60)}\` puts a lock around a connection pool that already synchronises itself: every query now waits for one \`${lock.text.replace(/^.*::/, '')}\`.`,
      );
    },
  },
};

function isConnectionPool(type: Node, ctx: RuleContext): boolean {
  const base = type.type === 'generic_type' ? type.childForFieldName('type') : type;
  if (!base || (base.type !== 'type_identifier' && base.type !== 'scoped_type_identifier')) return false;
  const path = ctx.resolve(base.text);
  const name = path.replace(/^.*::/, '');
  if (NAMED_POOL.test(name)) return true;
  if (name !== 'Pool') return false;
  if (POOL_CRATE.test(path)) return true;
  const args = type.type === 'generic_type' ? type.childForFieldName('type_arguments')?.text ?? '' : '';
  return CONNECTION_ARGS.test(args);
}
