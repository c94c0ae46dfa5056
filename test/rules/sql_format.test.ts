import * as assert from 'assert';
import { checkRule, parseFixture } from '../support/checkRule';
import { lint } from '../support/engine';

const RULE = 'sql_format';
const flagged = async (src: string, path?: string) => (await lint(src, RULE, path)).map((f) => f.text);
const inFn = (body: string) => `fn f(name: &str, id: i64, user: &User) {\n    ${body}\n}\n`;

describe(RULE, () => {
  it('flags format! splicing a value into an SQL statement, on the macro name', async () => {
    for (const body of [
      'let q = format!("SELECT id, email FROM users WHERE name = \'{}\'", name);',
      'let q = format!("SELECT * FROM users WHERE id = {id}");',
      'let q = format!("INSERT INTO audit (who) VALUES (\'{}\')", user.name);',
      'let q = format!("UPDATE accounts SET balance = {} WHERE id = 1", user.balance);',
      'let q = format!("DELETE FROM sessions WHERE token = \'{0}\'", name);',
      'let q = format!("select * from users where name = \'{}\'", name);',
      'let q = std::format!(r#"SELECT "id" FROM users WHERE name = \'{}\'"#, name);',
      'let q = format!("SELECT {}::text", name);',
      'let clause = format!(" WHERE email = \'{}\'", user.email);',
      'let q = format!(\n        "SELECT id\\n         FROM orders\\n         WHERE customer = {}",\n        id,\n    );',
    ]) {
      assert.deepStrictEqual(await flagged(inFn(body)), body.includes('std::format') ? ['std::format!'] : ['format!'], body);
    }
    assert.deepStrictEqual(await flagged(inFn('write!(sql, "SELECT * FROM t WHERE a = {}", name)?;')), ['write!']);
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

  it('names the spliced value and the SQL in the message', async () => {
    const [f] = await lint(inFn('let q = format!("SELECT * FROM users WHERE name = \'{}\'", user.name);'), RULE);
    assert.match(f.message, /`format!` splices `user\.name` into SQL \(`"SELECT \* FROM users WHERE name = '\{\}'"`\)/);
  });

  it('flags SQL text concatenated with a value, on the SQL literal', async () => {
    assert.deepStrictEqual(await flagged(inFn('let q = "SELECT * FROM users WHERE id = ".to_string() + &id.to_string();')), ['"SELECT * FROM users WHERE id = "']);
    assert.deepStrictEqual(await flagged(inFn('let q = String::from("DELETE FROM t WHERE name = \'") + name + "\'";')), ['"DELETE FROM t WHERE name = \'"']);
  });

  it('does not mistake prose for SQL', async () => {
    for (const body of [
      'let m = format!("Select a file from {} to continue", name);',
      'let m = format!("could not delete from {}: not found", name);',
      'let m = format!("Please select one option from the list, {}", name);',
      'let m = format!("update {} set to {}", name, id);',
      'let m = format!("SELECT took {}ms", id);',
      'let m = "Selected items from ".to_string() + name;',
    ]) {
      assert.deepStrictEqual(await flagged(inFn(body)), [], body);
    }
  });

  it('leaves SQL that splices nothing a user controls', async () => {
    for (const body of [
      // Bound parameters, no interpolation.
      'let q = format!("SELECT * FROM users WHERE id = $1");',
      'client.query("SELECT * FROM users WHERE name = $1", &[&name]);',
      // Constants and schema names (which cannot be bound as parameters).
      'let q = format!("SELECT * FROM {} WHERE id = $1", USERS_TABLE);',
      'let q = format!("SELECT * FROM {table} WHERE id = ?");',
      'let q = format!("SELECT {} FROM users WHERE id = $1", columns.join(", "));',
      'let q = format!("SELECT * FROM users WHERE id IN ({})", placeholders);',
      'let q = format!("SELECT * FROM users LIMIT {}", 10);',
      // Logging a query is not building one.
      'println!("SELECT * FROM users WHERE id = {}", id);',
    ]) {
      assert.deepStrictEqual(await flagged(inFn(body)), [], body);
    }
  });

  it('exempts test code', async () => {
    assert.deepStrictEqual(await flagged('#[test]\nfn t() { let q = format!("SELECT * FROM t WHERE a = {}", x); }'), []);
    assert.deepStrictEqual(await flagged('fn t() { let q = format!("SELECT * FROM t WHERE a = {}", x); }', 'tests/db.rs'), []);
  });
});
