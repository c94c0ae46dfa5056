import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { validate } from 'dockerfile-utils';
import { parse as parsePostgres } from 'libpg-query';
import type { Node } from 'web-tree-sitter';
import { createParser } from '../../server/src/analysis/parser';
import { snippetItems } from '../../server/src/protocol/completion';
import { SNIPPET_FILES, type SnippetFile, type SnippetLanguage, expandSnippet, parseSnippet, snippetLanguage } from '../../server/src/protocol/snippets';
import { lint } from '../support/engine';
import { assertParsesClean } from '../support/fixHarness';
import { SERVICE_CRATES, serviceCheck } from '../support/crates';
import { type CompileResult, cargoTest, rustcCheck } from '../support/rustc';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };

/**
 * How each Rust snippet is checked beyond parsing and linting. Every snippet must be listed, so a
 * new one has to say how it is compiled, or why it cannot be.
 */
const COMPILE: Record<string, ((src: string) => CompileResult) | string> = {
  'rp-retry': serviceCheck,
  'rp-timeout': serviceCheck,
  'rp-spawn-blocking': serviceCheck,
  'rp-thiserror': serviceCheck,
  'rp-anyhow-main': serviceCheck,
  'rp-webhook-verify': serviceCheck,
  'rp-unsafe-wrapper': rustcCheck,
  'rp-circuit-breaker': rustcCheck,
  'rp-money': serviceCheck,
  'rp-idempotent-axum': 'axum and sqlx are not packaged by Debian',
  'rp-idempotent-actix': 'actix-web and sqlx are not packaged by Debian',
  'rp-axum-router': 'axum, sqlx and tower-http are not packaged by Debian',
  'rp-idempotency-cleanup': 'sqlx is not packaged by Debian',
  'rp-job-worker': 'sqlx is not packaged by Debian',
  'rp-outbox': 'sqlx is not packaged by Debian',
};

/**
 * What a snippet must do, not just compile: Rust tests appended to it (at its defaults) and run with
 * `cargo test`. For the snippets whose logic is easy to get subtly wrong.
 */
const BEHAVIOUR: Record<string, string> = {
  'rp-webhook-verify': `
    use hmac::Mac as _;
    fn sign(secret: &[u8], t: &str, body: &[u8]) -> String {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        hex::encode(mac.finalize().into_bytes())
    }
    #[test]
    fn accepts_a_valid_signature_and_rejects_everything_else() {
        let (secret, body, t) = (b"whsec_test".as_slice(), br#"{"id":1}"#.as_slice(), 1_700_000_000u64);
        let good = sign(secret, &t.to_string(), body);
        let header = format!("t={t},v1={good}");
        assert_eq!(verify_webhook(secret, &header, body, t + 10), Ok(()));
        assert_eq!(verify_webhook(secret, &format!("t={t},v1=00ff,v1={good}"), body, t), Ok(()));
        assert_eq!(verify_webhook(secret, &header, br#"{"id":2}"#, t), Err(SignatureError::Mismatch));
        assert_eq!(verify_webhook(b"other", &header, body, t), Err(SignatureError::Mismatch));
        assert_eq!(verify_webhook(secret, &header, body, t + 301), Err(SignatureError::OutsideTolerance));
        assert_eq!(verify_webhook(secret, &format!("t={},v1={good}", t + 1), body, t), Err(SignatureError::Mismatch));
        assert_eq!(verify_webhook(secret, &format!("v1={good}"), body, t), Err(SignatureError::Malformed));
        assert_eq!(verify_webhook(secret, &format!("t={t}"), body, t), Err(SignatureError::Malformed));
    }`,
  'rp-circuit-breaker': `
    use std::time::Duration;
    fn run<T>(f: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(f)
    }
    #[test]
    fn opens_after_the_threshold_fails_fast_then_lets_one_trial_through() {
        let breaker = CircuitBreaker::new(2, Duration::from_secs(1));
        let calls = std::cell::Cell::new(0);
        let fail = || { calls.set(calls.get() + 1); async { Err::<(), &str>("down") } };
        let succeed = || { calls.set(calls.get() + 1); async { Ok::<(), &str>(()) } };
        assert!(matches!(run(breaker.call(fail)), Err(CircuitError::Inner("down"))));
        assert!(matches!(run(breaker.call(fail)), Err(CircuitError::Inner("down"))));
        assert!(matches!(run(breaker.call(succeed)), Err(CircuitError::Open)));
        assert_eq!(calls.get(), 2, "an open circuit does not call");
        std::thread::sleep(Duration::from_millis(1050));
        assert!(matches!(run(breaker.call(fail)), Err(CircuitError::Inner("down"))), "half-open: one trial");
        assert!(matches!(run(breaker.call(succeed)), Err(CircuitError::Open)), "the failed trial reopens it");
        std::thread::sleep(Duration::from_millis(1050));
        assert!(run(breaker.call(succeed)).is_ok());
        assert!(run(breaker.call(succeed)).is_ok(), "closed again");
        assert_eq!(calls.get(), 5);
    }`,
  'rp-retry': `
    #[tokio::test]
    async fn retries_retryable_errors_with_growing_delays_and_stops_at_the_limit() {
        let calls = std::cell::Cell::new(0);
        let started = std::time::Instant::now();
        let r: Result<u32, &str> = retry_with_backoff(|| { calls.set(calls.get() + 1); let n = calls.get(); async move { if n < 3 { Err("busy") } else { Ok(n) } } }, |e| *e == "busy").await;
        assert_eq!(r, Ok(3));
        let waited = started.elapsed();
        assert!(waited >= std::time::Duration::from_millis(300), "{waited:?}: it waits 100 ms, then 200 ms (plus jitter)");
        calls.set(0);
        let r: Result<u32, &str> = retry_with_backoff(|| { calls.set(calls.get() + 1); async { Err("bad request") } }, |e| *e == "busy").await;
        assert_eq!((r, calls.get()), (Err("bad request"), 1), "a non-retryable error is returned at once");
        calls.set(0);
        let r: Result<u32, &str> = retry_with_backoff(|| { calls.set(calls.get() + 1); async { Err("busy") } }, |_| true).await;
        assert_eq!((r, calls.get()), (Err("busy"), 4), "gives up after MAX_ATTEMPTS");
    }`,
  'rp-money': `
    #[test]
    fn computes_exact_fees_and_refuses_negative_totals() {
        assert_eq!(processing_fee(dec!(100)), dec!(3.20));
        assert_eq!(processing_fee(dec!(10.10)), dec!(0.59)); // 0.5929 rounds down
        assert_eq!(apply_discount(dec!(50), dec!(100)), None);
        assert_eq!(apply_discount(dec!(50), dec!(19.99)), Some(dec!(30.01)));
        assert_eq!(to_minor_units(dec!(12.34)), Some(1234));
        assert_eq!(to_minor_units(dec!(1.234)), None);
    }`,
};

const entries = (language: SnippetLanguage) => Object.entries(SNIPPET_FILES[language] as SnippetFile).map(([name, s]) => ({ name, ...s, text: s.body.join('\n') }));

describe('snippets', () => {
  describe('one source of truth for VS Code and the server', () => {
    it('contributes every snippets/*.json file, once, and the server serves exactly what each file holds', () => {
      const contributed = pkg.contributes.snippets.map((c) => path.normalize(c.path));
      const files = fs.readdirSync(path.join(ROOT, 'snippets')).map((f) => path.normalize(`snippets/${f}`));
      assert.deepStrictEqual([...contributed].sort(), [...files].sort());
      const languages = pkg.contributes.snippets.map((c) => c.language).sort();
      assert.deepStrictEqual(languages, Object.keys(SNIPPET_FILES).sort());
      for (const { language, path: file } of pkg.contributes.snippets) {
        const onDisk = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as SnippetFile;
        assert.deepStrictEqual(SNIPPET_FILES[language as SnippetLanguage], onDisk, `${file} differs from what the server bundles`);
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const served = snippetItems(language as SnippetLanguage, range).map((i) => [i.label, i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : undefined]);
        assert.deepStrictEqual(served, Object.values(onDisk).map((s) => [s.prefix, s.body.join('\n')]));
      }
    });

    it('uses unique rp- prefixes, a description, and only the snippet syntax every client understands', () => {
      for (const language of Object.keys(SNIPPET_FILES) as SnippetLanguage[]) {
        const prefixes = entries(language).map((s) => s.prefix);
        assert.strictEqual(new Set(prefixes).size, prefixes.length, `duplicate prefix in ${language}`);
        for (const s of entries(language)) {
          assert.match(s.prefix, /^rp-[a-z0-9-]+$/);
          assert.ok(s.description.length > 40, `${s.prefix}: describe it`);
          assert.doesNotThrow(() => parseSnippet(s.text), `${s.prefix}`);
          assertConsistentDefaults(s.prefix, s.text);
        }
      }
    });

    it('are all listed in the README', () => {
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      for (const language of Object.keys(SNIPPET_FILES) as SnippetLanguage[]) {
        for (const s of entries(language)) assert.ok(readme.includes(`\`${s.prefix}\``), `README.md does not list ${s.prefix}`);
      }
    });

    it('knows which snippets fit a document', () => {
      assert.strictEqual(snippetLanguage('file:///w/src/main.rs', 'rust'), 'rust');
      assert.strictEqual(snippetLanguage('file:///w/Dockerfile', 'dockerfile'), 'dockerfile');
      assert.strictEqual(snippetLanguage('file:///w/Dockerfile.prod', 'plaintext'), 'dockerfile');
      assert.strictEqual(snippetLanguage('file:///w/api.containerfile', ''), 'dockerfile');
      assert.strictEqual(snippetLanguage('file:///w/migrations/0001_init.sql', ''), 'sql');
      assert.strictEqual(snippetLanguage('file:///w/.dockerignore', 'ignore'), 'ignore');
      assert.strictEqual(snippetLanguage('file:///w/.gitignore', 'ignore'), undefined);
      assert.strictEqual(snippetLanguage('file:///w/README.md', 'markdown'), undefined);
    });
  });

  describe('snippet syntax', () => {
    it('expands placeholders to their defaults, nested ones and mirrors included, and unescapes', () => {
      assert.strictEqual(expandSnippet('fn ${1:name}() -> ${2:u8} { ${3:0} }\n$1();$0'), 'fn name() -> u8 { 0 }\nname();');
      assert.strictEqual(expandSnippet('${1:outer ${2:inner\\}} end}'), 'outer inner} end');
      assert.strictEqual(expandSnippet('VALUES (\\$1, \\$2) \\\\'), 'VALUES ($1, $2) \\');
      assert.strictEqual(expandSnippet('a } b \\n'), 'a } b \\n');
    });

    it('refuses variables, choices and unclosed placeholders', () => {
      assert.throws(() => parseSnippet('${TM_FILENAME}'));
      assert.throws(() => parseSnippet('$CLIPBOARD'));
      assert.throws(() => parseSnippet('${1|a,b|}'));
      assert.throws(() => parseSnippet('${1:open'));
    });
  });

  describe('Rust snippets, placeholders at their defaults', () => {
    it('lists how every Rust snippet is compiled, and nothing else', () => {
      assert.deepStrictEqual(Object.keys(COMPILE).sort(), entries('rust').map((s) => s.prefix).sort());
    });

    for (const s of entries('rust')) {
      const code = expandSnippet(s.text);

      it(`${s.prefix} parses without ERROR or MISSING nodes`, async () => {
        await assertParsesClean(code);
      });

      it(`${s.prefix} gets no diagnostic from the whole rule catalog`, async () => {
        const findings = await lint(code, undefined, 'src/lib.rs');
        assert.deepStrictEqual(findings.map((f) => `${f.ruleId}: ${f.text}`), []);
      });

      const check = COMPILE[s.prefix];
      if (typeof check === 'function') {
        it(`${s.prefix} compiles`, function () {
          this.timeout(600_000);
          const result = check(code);
          assert.ok(result.ok, `${s.prefix} does not compile:\n${result.stderr}\n${code}`);
        });
      }

      const behaviour = BEHAVIOUR[s.prefix];
      if (behaviour) {
        it(`${s.prefix} behaves as its documentation says (cargo test)`, function () {
          this.timeout(600_000);
          const result = cargoTest(`${code}\n\n#[cfg(test)]\nmod behaviour {\n    use super::*;\n${behaviour}\n}\n`, SERVICE_CRATES);
          assert.ok(result.ok, `${s.prefix}:\n${result.stderr}`);
        });
      }
    }
  });

  describe('Dockerfile snippets, placeholders at their defaults', () => {
    for (const s of entries('dockerfile')) {
      const dockerfile = expandSnippet(s.text);

      it(`${s.prefix} passes the dockerfile-utils validator with no error or warning`, () => {
        assert.deepStrictEqual(validate(dockerfile), []);
      });

      it(`${s.prefix} has at least two stages and its final stage runs as a non-root user`, () => {
        const instructions = logicalLines(dockerfile);
        const froms = instructions.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter((i) => i >= 0);
        assert.ok(froms.length >= 2, `${froms.length} FROM`);
        const finalStage = instructions.slice(froms[froms.length - 1]);
        const user = finalStage.filter((l) => /^USER\s/i.test(l)).pop();
        assert.ok(user, 'the final stage sets no USER');
        const name = user.split(/\s+/)[1].split(':')[0];
        assert.ok(!['root', '0'].includes(name), user);
        assert.ok(finalStage.some((l) => /^ENTRYPOINT\s+\[/.test(l)), 'exec-form ENTRYPOINT');
        assert.ok(finalStage.some((l) => /^EXPOSE\s+\d+/.test(l)), 'EXPOSE');
      });
    }

    it('rp-docker-musl builds for musl with the dependency layer before the sources, and ships from scratch', () => {
      const dockerfile = expandSnippet(entries('dockerfile').find((s) => s.prefix === 'rp-docker-musl')!.text);
      assert.match(dockerfile, /--target x86_64-unknown-linux-musl/);
      assert.ok(dockerfile.indexOf('COPY Cargo.toml Cargo.lock') < dockerfile.indexOf('COPY src'));
      assert.match(logicalLines(dockerfile).filter((l) => /^FROM/.test(l)).pop()!, /^FROM scratch\b/);
    });

    it('rp-docker-chef has planner, cacher and builder stages and a distroless/cc runtime', () => {
      const dockerfile = expandSnippet(entries('dockerfile').find((s) => s.prefix === 'rp-docker-chef')!.text);
      for (const stage of ['planner', 'cacher', 'builder']) assert.match(dockerfile, new RegExp(`^FROM \\S+ AS ${stage}$`, 'm'));
      assert.match(dockerfile, /^FROM gcr\.io\/distroless\/cc-/m);
      for (const setting of ['lto', 'codegen-units = 1', 'strip']) assert.ok(dockerfile.includes(setting), setting);
    });

    it('rp-dockerignore keeps build output, VCS data and secrets out of the build context', () => {
      const lines = expandSnippet(entries('ignore')[0].text).split('\n');
      for (const pattern of ['target/', '.git/', '.env']) assert.ok(lines.includes(pattern), pattern);
    });
  });

  describe('SQL, read by the real PostgreSQL parser (libpg-query)', () => {
    it('every SQL snippet parses', async () => {
      for (const s of entries('sql')) await assertPostgres(s.prefix, expandSnippet(s.text));
    });

    it('every SQL statement in a Rust snippet parses', async () => {
      const parser = await createParser();
      let statements = 0;
      for (const s of entries('rust')) {
        const tree = parser.parse(expandSnippet(s.text));
        assert.ok(tree);
        try {
          for (const sql of sqlLiterals(tree.rootNode)) {
            await assertPostgres(s.prefix, sql);
            statements++;
          }
        } finally {
          tree.delete();
        }
      }
      assert.ok(statements >= 15, `only ${statements} SQL statements found: is the extraction broken?`);
    });
  });

  describe('SQL snippets', () => {
    it('create the idempotency table with the composite key and purge entries older than 24 hours', () => {
      const sql = Object.fromEntries(entries('sql').map((s) => [s.prefix, expandSnippet(s.text)]));
      assert.match(sql['rp-idempotency-table'], /PRIMARY KEY \(user_id, idempotency_key\)/);
      for (const column of ['response_status_code', 'response_headers', 'response_body', 'created_at']) assert.ok(sql['rp-idempotency-table'].includes(column), column);
      assert.match(sql['rp-idempotency-purge'], /created_at < now\(\) - interval '24 hours'/);
    });
  });
});

async function assertPostgres(where: string, sql: string): Promise<void> {
  await parsePostgres(sql).catch((e: Error) => assert.fail(`${where}: PostgreSQL rejects ${JSON.stringify(sql)}: ${e.message}`));
}

/** The string literals of a tree that hold an SQL statement, in order. */
function sqlLiterals(root: Node): string[] {
  const found: string[] = [];
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'string_literal') {
      const text = node.text.slice(1, -1);
      if (/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text)) found.push(text);
    }
    stack.push(...node.namedChildren.filter((c): c is Node => c !== null).reverse());
  }
  return found;
}

/** A tab stop that appears more than once has the same default everywhere, so mirrors agree in every client. */
function assertConsistentDefaults(prefix: string, body: string): void {
  const seen = new Map<string, string>();
  for (const m of body.matchAll(/\$\{(\d+):([^$}\\]*)\}/g)) {
    const before = seen.get(m[1]);
    assert.ok(before === undefined || before === m[2], `${prefix}: tab stop ${m[1]} has defaults ${JSON.stringify(before)} and ${JSON.stringify(m[2])}`);
    seen.set(m[1], m[2]);
  }
}

/** Dockerfile instructions with their continuation lines joined, comments and blank lines dropped. */
function logicalLines(dockerfile: string): string[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
