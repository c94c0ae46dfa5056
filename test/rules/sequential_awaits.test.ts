import * as assert from 'assert';
import { checkFix, checkRule, dedent, parseFixture } from '../support/checkRule';
import { lint } from '../support/engine';
import { fixesFor } from '../support/fixHarness';
import { tokioCheck } from '../support/rustc';

const RULE = 'sequential_awaits';

describe(RULE, () => {
  it('flags independent consecutive awaited lets, on the first let, pointing at the others', async () => {
    const src = `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let user = fetch_user(http, id).await?;
        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`fetch_user(http, id).await\` and the next 2 awaits do not depend on
          let orders = fetch_orders(http, id).await?;
          let ads = http.get("/ads").send().await?;
          Ok(())
      }
    `;
    await checkRule(RULE, src);
    // The other awaits are its related locations.
    const findings = await lint(parseFixture(src).code, RULE);
    assert.strictEqual(findings[0].related?.length, 2);
  });

  it('leaves dependent calls alone', async () => {
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let user = fetch_user(http, id).await?;
          let orders = fetch_orders(http, user.id).await?;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let resp = http.get("/a").send().await?;
          let text = resp.text().await?;
          Ok(())
      }
    `);
  });

  it('leaves calls that may need the same receiver exclusively, or a `&mut`, alone', async () => {
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let a = self.load_a().await?;
          let b = self.load_b().await?;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let a = read_into(&mut buf).await?;
          let b = parse(&buf).await?;
          Ok(())
      }
    `);
  });

  it('leaves calls handed the same `&mut` parameter alone: join! cannot borrow it twice (axum extractors)', () =>
    checkRule(RULE, `
      async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
          let permissions = permissions_from_bearer(parts, state).await?;
          let Path(params) = Path::<Params>::from_request_parts(parts, state).await?;
          Ok(Self { permissions, params })
      }
      async fn independent(parts: &mut Parts, state: &AppState) -> Result<Self> {
          let a = load_a(state).await?;
        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ and the next await do not depend on one another
          let b = load_b(state).await?;
          Ok(Self { a, b, parts })
      }
    `));

  it('leaves calls on the same single connection or transaction alone, however it is passed', () =>
    checkRule(RULE, `
      async fn delete_user(user_id: UserId, conn: DbConn) -> EmptyResult {
          let user = get_user_or_404(&user_id, &conn).await?;
          let memberships = Membership::find_any_state_by_user(&user_id, &conn).await;
          Ok(())
      }
      async fn audit(mut tx: Transaction<'_, Postgres>) -> Result<()> {
          let a = count_users(&mut *tx).await?;
          let b = count_orders(&mut *tx).await?;
          Ok(())
      }
      async fn pooled(pool: &PgPool) -> Result<()> {
          let a = count_users(pool).await?;
        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ and the next await do not depend on one another
          let b = count_orders(pool).await?;
          Ok(())
      }
    `));

  it('leaves order-sensitive calls (streams, channels, locks), `_` bindings and non-let awaits alone', async () => {
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let a = rx1.recv().await;
          let b = rx2.recv().await;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let a = m1.lock().await;
          let b = m2.lock().await;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let a = tx1.send(x).await?;
          let b = tx2.send(y).await?;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let _ = create_table().await?;
          let _ = seed().await?;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          create_table().await?;
          seed().await?;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let a = fetch_a().await?;
          log("between");
          let b = fetch_b().await?;
          Ok(())
      }
    `);
    await checkRule(RULE, `
      async fn f(http: &Client, id: u32) -> Result<(), Error> {
          let a = handle_a.await?;
          let b = handle_b.await?;
          Ok(())
      }
    `);
  });

  it('exempts tests', async () => {
    await checkRule(RULE, `
      #[tokio::test]
      async fn t() { let a = f().await; let b = g().await; }
    `);
  });

  describe('fixes', () => {
    const FIXTURE = `
        async fn fetch_user(id: u32) -> Result<String, std::io::Error> { Ok(id.to_string()) }
        async fn fetch_orders(id: u32) -> Result<Vec<u32>, std::fmt::Error> { Ok(vec![id]) }
        async fn count(id: u32) -> usize { id as usize }
        pub async fn dashboard(id: u32) -> Result<usize, Box<dyn std::error::Error>> {
            let user = fetch_user(id).await?;
            let mut orders: Vec<u32> = fetch_orders(id).await?;
            let n = count(id).await;
            orders.push(1);
            Ok(user.len() + orders.len() + n)
        }
      `;

    it('joins them with tokio::join!, applying each `?` afterwards so different error types still convert (cargo check)', () =>
      checkFix(RULE, FIXTURE, `
        async fn fetch_user(id: u32) -> Result<String, std::io::Error> { Ok(id.to_string()) }
        async fn fetch_orders(id: u32) -> Result<Vec<u32>, std::fmt::Error> { Ok(vec![id]) }
        async fn count(id: u32) -> usize { id as usize }
        pub async fn dashboard(id: u32) -> Result<usize, Box<dyn std::error::Error>> {
            let (user, orders, n) = tokio::join!(fetch_user(id), fetch_orders(id), count(id));
            let user = user?;
            let mut orders: Vec<u32> = orders?;
            orders.push(1);
            Ok(user.len() + orders.len() + n)
        }
      `, { compile: tokioCheck }));

    it('keeps type annotations when there is no `?`', () =>
      checkFix(RULE, `
        async fn a() -> u8 { 1 }
        async fn b() -> u16 { 2 }
        pub async fn f() -> u32 {
            let x: u8 = a().await;
            let y = b().await;
            x as u32 + y as u32
        }
      `, `
        async fn a() -> u8 { 1 }
        async fn b() -> u16 { 2 }
        pub async fn f() -> u32 {
            let (x, y): (u8, _) = tokio::join!(a(), b());
            x as u32 + y as u32
        }
      `, { compile: tokioCheck }));

    it('is a quick fix only: a failing first call no longer stops the second', async () => {
      const src = dedent(FIXTURE);
      const [finding] = await lint(src, RULE);
      assert.ok((await fixesFor(src, finding)).every((f) => !f.safe));
    });
  });
});
