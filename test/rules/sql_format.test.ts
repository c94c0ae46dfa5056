import * as assert from 'assert';
import { checkRule, parseFixture } from '../support/checkRule';
import { lint } from '../support/engine';

const RULE = 'sql_format';

describe(RULE, () => {
  it('flags format! splicing a value into an SQL statement, on the macro name', async () => {
    await checkRule(RULE, `
      fn f(name: &str, id: &str, user: &User) {
          let q = format!("SELECT id, email FROM users WHERE name = '{}'", name);
                //^^^^^^^ \`format!\` splices \`name\` into SQL (\`"SELECT id, email FROM users WHERE name = '{}'"\`)
          let q = format!("SELECT * FROM users WHERE id = {id}");
                //^^^^^^^ \`format!\` splices \`id\` into SQL (\`"SELECT * FROM users WHERE id = {id}"\`)
          let q = format!("INSERT INTO audit (who) VALUES ('{}')", user.name);
                //^^^^^^^ \`format!\` splices \`user.name\` into SQL (\`"INSERT INTO audit (who) VALUES ('{}')"\`)
          let q = format!("UPDATE accounts SET balance = {} WHERE id = 1", user.balance);
                //^^^^^^^ \`format!\` splices \`user.balance\` into SQL (\`"UPDATE accounts SET balance = {} WHERE id = 1"\`)
          let q = format!("DELETE FROM sessions WHERE token = '{0}'", name);
                //^^^^^^^ \`format!\` splices \`name\` into SQL (\`"DELETE FROM sessions WHERE token = '{0}'"\`)
          let q = format!("select * from users where name = '{}'", name);
                //^^^^^^^ \`format!\` splices \`name\` into SQL (\`"select * from users where name = '{}'"\`)
          let q = std::format!(r#"SELECT "id" FROM users WHERE name = '{}'"#, name);
                //^^^^^^^^^^^^ \`format!\` splices \`name\` into SQL (\`r#"SELECT "id" FROM users WHERE name = '{}'"#\`)
          let q = format!("SELECT {}::text", name);
                //^^^^^^^ \`format!\` splices \`name\` into SQL (\`"SELECT {}::text"\`)
          let clause = format!(" WHERE email = '{}'", user.email);
                     //^^^^^^^ \`format!\` splices \`user.email\` into SQL (\`" WHERE email = '{}'"\`)
          let q = format!(
                //^^^^^^^ \`format!\` splices \`id\` into SQL (\`"SELECT id\\n         FROM orders\\n         WHERE customer = {}"\`)
              "SELECT id\\n         FROM orders\\n         WHERE customer = {}",
              id,
          );
      }
    `);
    await checkRule(RULE, `
      fn f(name: &str, id: i64, user: &User) {
          write!(sql, "SELECT * FROM t WHERE a = {}", name)?;
        //^^^^^^ \`write!\` splices \`name\` into SQL (\`"SELECT * FROM t WHERE a = {}"\`)
      }
    `);
  });

  it('splicing only values the code chooses from a fixed set is a hint, not an injection error', async () => {
    const fixture = `
      pub(crate) async fn get_releases(conn: &mut PgConnection, order: Order, latest_only: bool) -> Result<Vec<Release>> {
          let (ordering, failed): (&'static str, _) = match order {
              Order::ReleaseTime => ("release_build_status.last_build_time", false),
              Order::GithubStars => ("repositories.stars", true),
          };
          let query = format!(
                    //^^^^^^^ is chosen from constants in the code
              "SELECT crates.name FROM crates {1} WHERE {0} IS NOT NULL ORDER BY {0} DESC LIMIT $1",
              ordering,
              if latest_only { "INNER JOIN releases ON crates.latest_version_id = releases.id" } else { "INNER JOIN releases ON crates.id = releases.crate_id" },
          );
          let unknown_host = format!("CASE WHEN hostname = {unknown} THEN '' END", unknown = quote(UNKNOWN_USER));
          let is_agent = format!(
                       //^^^^^^^ splices \`AuthorKind::VARIANTS.iter()
              "SELECT * FROM history WHERE author_kind IN ({kinds}) AND kind = {agent} AND author IN ({names}) AND author <> {unknown_host}",
              kinds = AuthorKind::VARIANTS.iter().map(|kind| kind.as_u8()).join(", "),
              agent = AuthorKind::Agent.as_u8(),
              names = KNOWN_AGENTS.iter().map(quote).join(", "),
          );
          todo!()
      }
      fn by_name(name: &str, reverse: bool) -> String {
          let order = if reverse { "ASC" } else { "DESC" };
          let filter = format!("name = '{name}'");
          format!("SELECT * FROM users WHERE {filter} ORDER BY id {order}")
        //^^^^^^^ splices \`filter\` into SQL
      }
    `;
    await checkRule(RULE, fixture);
    const findings = await lint(parseFixture(fixture).code, RULE);
    assert.deepStrictEqual(findings.map((f) => f.severity ?? 'error'), ['hint', 'hint', 'error']);
  });

  it('counts a query builder\'s rendered SQL and numbers as safe, followed through shadowing lets and match arms', async () => {
    const fixture = `
      pub struct Page<'a> {
          pub limit: Option<i64>,
          pub offset: Option<u32>,
          pub host: Option<&'a str>,
      }
      pub async fn search(pool: &Pool, page: &Page<'_>, reverse: bool) -> Result<Vec<Row>> {
          let mut sql = SqlBuilder::select_from("history");
          sql.and_where_eq("deleted", 0);
          let inner = sql.sql().expect("valid query");
          let inner = inner.trim().trim_end_matches(';');
          let tail = match (page.limit, page.offset) {
              (Some(limit), Some(offset)) => format!(" LIMIT {limit} OFFSET {offset}"),
              (Some(limit), None) => format!(" LIMIT {limit}"),
              (None, _) => String::new(),
          };
          let all = format!("SELECT * FROM ({inner}) f{tail}");
          let order = if reverse { "ASC" } else { "DESC" };
          let ordered = format!("SELECT * FROM ({inner}) f ORDER BY f.id {order}{tail}");
                      //^^^^^^^ splices \`order\` into SQL (\`"SELECT * FROM ({inner}) f ORDER BY f.id {order}{tail}"\`); it is chosen from constants
          let host = match page.host {
              Some(host) => format!(" WHERE host = '{host}'"),
                          //^^^^^^^ splices \`host\` into SQL (\`" WHERE host = '{host}'"\`): a crafted value
              None => String::new(),
          };
          let shown = sea_query::Query::select().column(Id).from(History).to_string(PostgresQueryBuilder);
          let wrapped = format!("SELECT count(*) FROM ({shown}) s{tail}");
          todo!()
      }
      pub fn page(name: &str, limit: i64, offset: usize) -> String {
          let built = format!("{name} ORDER BY id");
          let sql = built.trim();
          format!("SELECT * FROM users LIMIT {limit} OFFSET {offset}");
          format!("SELECT * FROM users WHERE {}", sql.to_string())
        //^^^^^^^ splices \`sql.to_string()\` into SQL
      }
    `;
    await checkRule(RULE, fixture);
    const findings = await lint(parseFixture(fixture).code, RULE);
    assert.deepStrictEqual(findings.map((f) => f.severity ?? 'error'), ['hint', 'error', 'error']);
  });

  it('reads a private fn\'s parameter as what every call in the file passes: constants make it a hint, any input an error', async () => {
    const fixture = `
      const WEEK: (&str, &str) = ("1 week", "week");
      const PERIODS: [(&str, &str); 2] = [("1 day", "day"), ("1 month", "month")];
      async fn refresh_all(conn: &mut Conn) -> Result<()> {
          for period in PERIODS {
              refresh(conn, period, "users_active").await?;
          }
          refresh(conn, WEEK, "interactions").await
      }
      async fn refresh(conn: &mut Conn, period: (&str, &str), prefix: &str) -> Result<()> {
          recount(conn, period, prefix).await
      }
      async fn recount(conn: &mut Conn, period: (&str, &str), prefix: &str) -> Result<()> {
          sql_query(format!("UPDATE community SET {prefix}_{} = 0 WHERE id IN (SELECT id FROM r.activity('{}'))", period.1, period.0)).execute(conn).await
                  //^^^^^^^ splices \`prefix\` into SQL
      }
      pub async fn search(conn: &mut Conn, term: &str) -> Result<()> {
          lookup(conn, "title").await?;
          lookup(conn, term).await
      }
      async fn lookup(conn: &mut Conn, name: &str) -> Result<()> {
          sql_query(format!("SELECT * FROM post WHERE name = '{}'", name)).execute(conn).await
                  //^^^^^^^ splices \`name\` into SQL
      }
      pub async fn open(conn: &mut Conn, period: &str) -> Result<()> {
          sql_query(format!("SELECT * FROM r.activity('{period}')")).execute(conn).await
                  //^^^^^^^ splices \`period\` into SQL
      }
    `;
    await checkRule(RULE, fixture);
    const findings = await lint(parseFixture(fixture).code, RULE);
    assert.deepStrictEqual(findings.map((f) => f.severity ?? 'error'), ['hint', 'error', 'error']);
  });

  it('names the spliced value and the SQL in the message', () =>
    checkRule(RULE, `
      fn f(name: &str, id: i64, user: &User) {
          let q = format!("SELECT * FROM users WHERE name = '{}'", user.name);
                //^^^^^^^ \`format!\` splices \`user.name\` into SQL (\`"SELECT * FROM users WHERE name = '{}'"\`)
      }
    `));

  it('flags SQL text concatenated with a value, on the SQL literal', async () => {
    await checkRule(RULE, `
      fn f(name: &str, id: i64, user: &User) {
          let q = "SELECT * FROM users WHERE id = ".to_string() + &id.to_string();
                //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ SQL text is concatenated with \`&id.to_string()\`
      }
    `);
    await checkRule(RULE, `
      fn f(name: &str, id: i64, user: &User) {
          let q = String::from("DELETE FROM t WHERE name = '") + name + "'";
                             //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ SQL text is concatenated with \`name\`
      }
    `);
  });

  it('does not mistake prose for SQL', async () => {
    await checkRule(RULE, `
      fn f(name: &str, id: i64, user: &User) {
          let m = format!("Select a file from {} to continue", name);
          let m = format!("could not delete from {}: not found", name);
          let m = format!("Please select one option from the list, {}", name);
          let m = format!("update {} set to {}", name, id);
          let m = format!("SELECT took {}ms", id);
          let m = "Selected items from ".to_string() + name;
      }
    `);
  });

  it('leaves SQL that splices nothing a user controls', async () => {
    await checkRule(RULE, `
      fn f(name: &str, id: i64, user: &User) {
          // Bound parameters, no interpolation.
          let q = format!("SELECT * FROM users WHERE id = $1");
          client.query("SELECT * FROM users WHERE name = $1", &[&name]);
          // Constants and schema names (which cannot be bound as parameters).
          let q = format!("SELECT * FROM {} WHERE id = $1", USERS_TABLE);
          let q = format!("SELECT * FROM {table} WHERE id = ?");
          let q = format!("SELECT {} FROM users WHERE id = $1", columns.join(", "));
          let q = format!("SELECT * FROM users WHERE id IN ({})", placeholders);
          let q = format!("SELECT * FROM users LIMIT {}", 10);
          // Logging a query is not building one.
          println!("SELECT * FROM users WHERE id = {}", id);
      }
    `);
  });

  it('exempts test code', async () => {
    await checkRule(RULE, `
      #[test]
      fn t() { let q = format!("SELECT * FROM t WHERE a = {}", x); }
    `);
    await checkRule(RULE, `
      fn t() { let q = format!("SELECT * FROM t WHERE a = {}", x); }
    `, { path: 'tests/db.rs' });
  });
});
