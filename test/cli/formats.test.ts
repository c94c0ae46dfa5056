import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../server/src/rules';
import { explain } from '../../server/src/rules/docs';
import { FINGERPRINT_KEY } from '../../cli/src/report/sarif';
import { REPO, UNWRAP_FN, project, runCli, runJson } from '../support/cli';

/** The OASIS SARIF 2.1.0 schema (draft-04), read as draft-07 by ajv 8: see test/fixtures/sarif/README.md. */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  // The schema's language pattern (`[a-zA-Z]{2}]?`) is only valid without the `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; help: { text: string; markdown: string }; shortDescription: { text: string }; properties: { tags: string[]; 'security-severity'?: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion } }[];
      fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[] }[];
    }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[]; toolConfigurationNotifications: { message: { text: string } }[] }[];
  }[];
}

const WORKSPACE = path.join(REPO, 'test-workspace');

describe('cli: output formats', () => {
  const validate = sarifValidator();

  it('the vendored schema rejects what is not SARIF (so a pass means something)', () => {
    assert.strictEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.strictEqual(validate({ version: '2.0.0', runs: [] }), false);
  });

  for (const [name, dir, args] of [
    ['test-workspace/', WORKSPACE, ['check']],
    ['a fixture with a broken config, an unreadable path and a non-UTF-8 file', '', ['check', 'src', 'missing.rs']],
  ] as const) {
    it(`SARIF on ${name} is valid 2.1.0, lists every rule with help, and matches the JSON findings`, () => {
      const cwd =
        dir ||
        project({
          'rust-patterns.toml': 'rules = { unwrap_in_production = "loud" }\n',
          'src/lib.rs': UNWRAP_FN,
          'src/bad.rs': Buffer.from([0x66, 0x6e, 0xff, 0x0a]),
        });
      const r = runCli([...args, '--format', 'sarif'], cwd);
      const log = JSON.parse(r.stdout) as SarifLog;
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const [run] = log.runs;
      assert.strictEqual(log.version, '2.1.0');
      assert.deepStrictEqual(run.tool.driver.rules.map((d) => d.id), CATALOG.map((rule) => rule.id));
      for (const [i, d] of run.tool.driver.rules.entries()) {
        assert.strictEqual(d.helpUri, undefined, 'no public page to link to: no dead link');
        assert.strictEqual(d.help.markdown, explain(CATALOG[i]));
        assert.ok(d.help.text.length > 40 && d.shortDescription.text.length > 0, d.id);
      }

      const json = runJson(args as unknown as string[], cwd);
      assert.strictEqual(r.status, json.status);
      assert.strictEqual(run.results.length, json.report.findings.length);
      for (const [i, f] of json.report.findings.entries()) {
        const res = run.results[i];
        assert.strictEqual(res.ruleId, f.rule);
        assert.strictEqual(run.tool.driver.rules[res.ruleIndex].id, f.rule);
        assert.strictEqual(res.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[f.severity]);
        assert.strictEqual(res.message.text, f.message);
        const loc = res.locations[0].physicalLocation;
        assert.strictEqual(decodeURIComponent(loc.artifactLocation.uri), f.path);
        assert.strictEqual(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.deepStrictEqual(loc.region.startLine, f.start.line);
        assert.deepStrictEqual([loc.region.startColumn, loc.region.endLine, loc.region.endColumn], [f.start.column, f.end.line, f.end.column]);
        assert.strictEqual(res.fixes?.length ?? 0, f.fixes.length, `${f.rule}: a SARIF fix for each of the rule's fixes`);
        for (const [j, fix] of (res.fixes ?? []).entries()) {
          assert.strictEqual(fix.description.text, f.fixes[j].title);
          assert.deepStrictEqual(
            fix.artifactChanges[0].replacements.map((x) => [x.deletedRegion.startLine, x.deletedRegion.startColumn, x.deletedRegion.endLine, x.deletedRegion.endColumn, x.insertedContent.text]),
            f.fixes[j].edits.map((e) => [e.start.line, e.start.column, e.end.line, e.end.column, e.newText]),
          );
        }
      }
      const [invocation] = run.invocations;
      assert.strictEqual(invocation.toolExecutionNotifications.length, json.report.notChecked.length);
      assert.strictEqual(invocation.toolConfigurationNotifications.length, json.report.configProblems.length);
      assert.strictEqual(invocation.executionSuccessful, !json.report.notChecked.some((n) => n.kind === 'error'));
    });
  }

  it('SARIF carries what code scanning needs to track alerts: fingerprints that survive moved lines, CWE tags and security-severity', () => {
    const body = 'pub fn port() -> u16 {\n    std::env::var("PORT").unwrap().parse().unwrap()\n}\npub fn again() -> u16 {\n    std::env::var("PORT").unwrap().parse().unwrap()\n}\n';
    const sql = 'pub fn q(name: &str) -> String {\n    format!("SELECT * FROM users WHERE name = \'{name}\'")\n}\n';
    const fingerprints = (lib: string) => {
      const log = JSON.parse(runCli(['check', '--format', 'sarif', '--deny', 'none'], project({ 'src/lib.rs': lib })).stdout) as SarifLog;
      return { run: log.runs[0], prints: log.runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]) };
    };
    const before = fingerprints(body + sql);
    assert.strictEqual(before.prints.length, 5);
    assert.strictEqual(new Set(before.prints).size, 5, 'identical lines still get distinct fingerprints');
    const moved = fingerprints(`//! Docs added on top move every line.\n\n${body}${sql}`);
    assert.deepStrictEqual(moved.prints, before.prints);
    const edited = fingerprints(body.replace('again', 'other') + sql.replace('name = ', 'login = '));
    assert.notDeepStrictEqual(edited.prints[4], before.prints[4], 'a changed line is a new alert');

    const rules = before.run.tool.driver.rules;
    const sqlRule = rules.find((r) => r.id === 'sql_format')!;
    assert.ok(sqlRule.properties.tags.includes('security') && sqlRule.properties.tags.includes('external/cwe/cwe-89'));
    for (const r of rules) {
      const score = r.properties['security-severity'];
      assert.strictEqual(score !== undefined, r.properties.tags.includes('security'), r.id);
      if (score !== undefined) assert.ok(/^\d+\.\d$/.test(score) && Number(score) > 0 && Number(score) <= 10, `${r.id}: ${score}`);
    }
  });

  it('JSON: valid against docs/cli-report.schema.json, on test-workspace/ and on every kind of problem', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'docs/cli-report.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true });
    const validateReport = ajv.compile(schema);
    const broken = project({ 'rust-patterns.toml': 'rules = { unwrap_in_production = 1 }\n', 'src/lib.rs': UNWRAP_FN, 'src/bad.rs': Buffer.from([0xff]) });
    for (const [cwd, args] of [[WORKSPACE, ['check']], [broken, ['check', 'src', 'missing.rs']]] as const) {
      const { report } = runJson([...args], cwd);
      assert.ok(validateReport(report), JSON.stringify(validateReport.errors, null, 2));
      assert.ok(report.findings.length > 0);
    }
    assert.strictEqual(validateReport({ version: 1 }), false);
  });

  it('JSON: one stable document whose summary adds up, and the same findings as the text report', () => {
    const { report } = runJson(['check'], WORKSPACE);
    assert.strictEqual(report.version, 1);
    assert.deepStrictEqual(report.tool.name, 'rust-patterns');
    assert.strictEqual(report.summary.findings, report.findings.length);
    assert.strictEqual(Object.values(report.summary.bySeverity).reduce((a, b) => a + b, 0), report.findings.length);
    const ids = new Set(CATALOG.map((r) => r.id));
    for (const f of report.findings) {
      assert.ok(ids.has(f.rule), f.rule);
      assert.deepStrictEqual(Object.keys(f), ['path', 'rule', 'severity', 'message', 'start', 'end', 'related', 'fixes']);
      assert.ok(f.start.line >= 1 && f.start.column >= 1);
    }
    const text = runCli(['check'], WORKSPACE).stdout;
    const heads = text.split('\n').filter((l) => /^\S+:\d+:\d+: \w+\[\w+\]: /.test(l));
    assert.deepStrictEqual(
      heads,
      report.findings.map((f) => `${f.path}:${f.start.line}:${f.start.column}: ${f.severity}[${f.rule}]: ${f.message}`),
    );
  });

  it('test-workspace/ shows every rule of the catalog firing (its purpose)', () => {
    const { report } = runJson(['check'], WORKSPACE);
    const fired = new Set(report.findings.map((f) => f.rule));
    assert.deepStrictEqual(CATALOG.filter((r) => !fired.has(r.id)).map((r) => r.id), [], 'rules with no example firing in test-workspace/');
  });
});
