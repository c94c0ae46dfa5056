import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'mutex_around_pool';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags a lock wrapped around a connection pool, on the lock type', async () => {
    assert.deepStrictEqual(await flagged('use std::sync::{Arc, Mutex};\nuse sqlx::PgPool;\nstruct AppState { db: Arc<Mutex<PgPool>> }'), ['Mutex<PgPool>']);
    assert.deepStrictEqual(await flagged('struct S { db: tokio::sync::RwLock<sqlx::Pool<sqlx::Postgres>> }'), ['tokio::sync::RwLock<sqlx::Pool<sqlx::Postgres>>']);
    assert.deepStrictEqual(await flagged('use r2d2::Pool;\nuse parking_lot::Mutex;\nfn f(p: &Mutex<Pool<ConnectionManager<PgConnection>>>) {}'), ['Mutex<Pool<ConnectionManager<PgConnection>>>']);
    assert.deepStrictEqual(await flagged('type DbPool = deadpool_postgres::Pool;\nstatic POOL: Mutex<DbPool> = todo!();'), ['Mutex<DbPool>']);
    assert.deepStrictEqual(await flagged('use bb8::Pool;\nstruct S { p: Mutex<Pool<RedisConnectionManager>> }'), ['Mutex<Pool<RedisConnectionManager>>']);
    const [f] = await lint('struct S { db: Mutex<MySqlPool> }', RULE);
    assert.match(f.message, /`Mutex<MySqlPool>` puts a lock around a connection pool/);
  });

  it('leaves locks around pools that are not connection pools, and pools without a lock', async () => {
    // The guide's own string interner, thread pools, buffer pools, a pool's private state.
    assert.deepStrictEqual(await flagged('struct Document { pool: Arc<Mutex<StringPool>> }'), []);
    assert.deepStrictEqual(await flagged('struct S { workers: Mutex<ThreadPool>, bufs: Mutex<BufferPool>, inner: Arc<Mutex<PoolInner<T>>> }'), []);
    // A bare `Pool` of unknown origin says nothing about connections.
    assert.deepStrictEqual(await flagged('struct S { p: Mutex<Pool> }'), []);
    assert.deepStrictEqual(await flagged('use sqlx::PgPool;\n#[derive(Clone)]\nstruct AppState { db: PgPool, cache: Arc<Mutex<HashMap<u64, String>>> }'), []);
  });
});
