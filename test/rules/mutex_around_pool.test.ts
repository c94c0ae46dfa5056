import { checkRule } from '../support/checkRule';

const RULE = 'mutex_around_pool';

describe(RULE, () => {
  it('flags a lock wrapped around a connection pool, on the lock type', async () => {
    await checkRule(RULE, `
      use std::sync::{Arc, Mutex};
      use sqlx::PgPool;
      struct AppState { db: Arc<Mutex<PgPool>> }
                              //^^^^^^^^^^^^^ \`Mutex<PgPool>\` puts a lock around a connection pool that already synchronises itself
    `);
    await checkRule(RULE, `
      struct S { db: tokio::sync::RwLock<sqlx::Pool<sqlx::Postgres>> }
                   //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`tokio::sync::RwLock<sqlx::Pool<sqlx::Postgres>>\` puts a lock around a
    `);
    await checkRule(RULE, `
      use r2d2::Pool;
      use parking_lot::Mutex;
      fn f(p: &Mutex<Pool<ConnectionManager<PgConnection>>>) {}
             //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`Mutex<Pool<ConnectionManager<PgConnection>>>\` puts a lock around a
    `);
    await checkRule(RULE, `
      type DbPool = deadpool_postgres::Pool;
      static POOL: Mutex<DbPool> = todo!();
                 //^^^^^^^^^^^^^ \`Mutex<DbPool>\` puts a lock around a connection pool that already synchronises itself
    `);
    await checkRule(RULE, `
      use bb8::Pool;
      struct S { p: Mutex<Pool<RedisConnectionManager>> }
                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`Mutex<Pool<RedisConnectionManager>>\` puts a lock around a connection
    `);
    await checkRule(RULE, `
      struct S { db: Mutex<MySqlPool> }
                   //^^^^^^^^^^^^^^^^ \`Mutex<MySqlPool>\` puts a lock around a connection pool that already synchronises itself
    `);
  });

  it('leaves locks around pools that are not connection pools, and pools without a lock', async () => {
    // The guide's own string interner, thread pools, buffer pools, a pool's private state.
    await checkRule(RULE, `
      struct Document { pool: Arc<Mutex<StringPool>> }
    `);
    await checkRule(RULE, `
      struct S { workers: Mutex<ThreadPool>, bufs: Mutex<BufferPool>, inner: Arc<Mutex<PoolInner<T>>> }
    `);
    // A bare `Pool` of unknown origin says nothing about connections.
    await checkRule(RULE, `
      struct S { p: Mutex<Pool> }
    `);
    await checkRule(RULE, `
      use sqlx::PgPool;
      #[derive(Clone)]
      struct AppState { db: PgPool, cache: Arc<Mutex<HashMap<u64, String>>> }
    `);
  });
});
