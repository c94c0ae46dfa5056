import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { readConfigFile, rulesByClippyLint } from '../../server/src/config/configFile';
import { ProjectConfigs } from '../../server/src/config/projectConfig';
import { ProjectSettings } from '../../server/src/protocol/projectSettings';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/protocol/settings';
import { ALL_RULES, ruleById } from '../../server/src/rules';
import { project } from '../support/cli';

describe('project configuration files', () => {
  it('maps every clippy lint a rule mirrors, from the catalog', () => {
    const map = rulesByClippyLint();
    for (const rule of ALL_RULES) for (const lint of rule.clippy ?? []) assert.ok(map.get(lint)?.includes(rule.id), `${lint} → ${rule.id}`);
    assert.deepStrictEqual(map.get('unwrap_used'), ['unwrap_in_production']);
  });

  it('takes the nearest timeout-seconds', () => {
    const root = project({
      'Cargo.toml': '[workspace]\nmembers = ["a"]\n[workspace.metadata.rust-patterns]\ntimeout-seconds = 30\n',
      'a/Cargo.toml': '[package]\nname = "a"\nversion = "0.1.0"\n',
      'b/rust-patterns.toml': 'timeout-seconds = 5\n',
    });
    const configs = new ProjectConfigs();
    assert.strictEqual(configs.forFile(path.join(root, 'a/src/lib.rs')).timeoutSeconds, 30);
    assert.strictEqual(configs.forFile(path.join(root, 'b/src/lib.rs')).timeoutSeconds, 5);
  });

  it('ignores a Cargo.toml without our section, and names the line of a bad value', () => {
    assert.deepStrictEqual(readConfigFile('/x/Cargo.toml', '[package]\nname = "a"\n').problems, []);
    const { layer, problems } = readConfigFile('/x/rust-patterns.toml', '# levels\n\n[rules]\n  "unwrap_in_production" = 3\n');
    assert.strictEqual(layer, undefined);
    assert.deepStrictEqual(problems.map((p) => [p.line, p.column, p.severity]), [[4, 3, 'error']]);
  });
});

describe('editor settings over project files', () => {
  it('rustPatterns.* settings win over Cargo.toml, which wins over the defaults', () => {
    const root = project({ 'Cargo.toml': '[package]\nname = "a"\nversion = "0.1.0"\n[package.metadata.rust-patterns]\ntimeout-seconds = 30\nrules = { unwrap_in_production = "deny" }\n' });
    const uri = pathToFileURL(path.join(root, 'src/lib.rs')).href;
    const rule = ruleById('unwrap_in_production')!;
    let settings: Settings = { ...DEFAULT_SETTINGS };
    const project_ = new ProjectSettings(() => settings, new ProjectConfigs());
    assert.strictEqual(project_.timeoutSeconds(uri), 30);
    assert.strictEqual(project_.severityOf(rule, uri), 'error');
    assert.strictEqual(project_.timeoutSeconds('untitled:Untitled-1'), 10);
    assert.strictEqual(project_.severityOf(rule, 'untitled:Untitled-1'), 'hint');
    settings = { ...DEFAULT_SETTINGS, timeoutSeconds: 5, rules: { unwrap_in_production: 'off' } };
    assert.strictEqual(project_.timeoutSeconds(uri), 5);
    assert.strictEqual(project_.severityOf(rule, uri), undefined);
    assert.ok(!project_.rulesFor(uri).includes(rule));
  });
});
