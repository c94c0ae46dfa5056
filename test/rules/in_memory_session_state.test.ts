import { checkRule } from '../support/checkRule';

const RULE = 'in_memory_session_state';

describe(RULE, () => {
  it("flags tower-sessions' MemoryStore", () =>
    checkRule(RULE, `
      use tower_sessions::{MemoryStore, SessionManagerLayer};
      fn layer() -> SessionManagerLayer<MemoryStore> {
          let store = MemoryStore::default();
                    //^^^^^^^^^^^^^^^^^^^^^^ \`MemoryStore::default()\` keeps every session in this process
          SessionManagerLayer::new(store)
      }
    `));

  it('flags session and rate-limit maps in statics and in locked or concurrent fields', () =>
    checkRule(RULE, `
      static SESSIONS: Lazy<Mutex<HashMap<String, UserSession>>> = Lazy::new(Default::default);
           //^^^^^^^^ \`SESSIONS\` keeps sessions in a static of this process
      static RATE_LIMITS: OnceLock<DashMap<IpAddr, (u32, Instant)>> = OnceLock::new();
           //^^^^^^^^^^^ \`RATE_LIMITS\` keeps rate-limit state in a static
      struct AppState {
          db: PgPool,
          sessions: Arc<RwLock<HashMap<Uuid, SessionData>>>,
        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`sessions\` keeps sessions in this process's memory
          login_attempts: DashMap<String, u32>,
        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`login_attempts\` keeps login attempts
      }
    `));

  it('leaves shared stores, live connections, unrelated MemoryStores and test code alone', () =>
    checkRule(RULE, `
      use object_store::memory::MemoryStore;
      fn cache() -> MemoryStore { MemoryStore::new() }
      struct AppState {
          sessions: RedisStore,
          ws_sessions: DashMap<Uuid, mpsc::UnboundedSender<Message>>,
          session_peers: Mutex<HashMap<Uuid, Addr<WsSession>>>,
          session_count: AtomicUsize,
          users: Mutex<HashMap<Uuid, User>>,
      }
      #[cfg(test)]
      mod tests {
          fn store() -> tower_sessions::MemoryStore { tower_sessions::MemoryStore::default() }
      }
    `));
});
