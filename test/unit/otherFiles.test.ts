import * as assert from 'assert';
import { fileKindOf, lintOtherFile } from '../../server/src/analysis/otherFiles';
import { FILE_RULES } from '../../server/src/rules';

describe('the engine entry for Cargo.toml and Dockerfiles', () => {
  it('knows the files by name, on paths and URIs', () => {
    const kinds = ['Cargo.toml', '/w/api/Cargo.toml', 'file:///w/Dockerfile', 'Dockerfile.prod', 'docker/api.Dockerfile', 'Containerfile', 'build.containerfile'].map(fileKindOf);
    assert.deepStrictEqual(kinds, ['cargo', 'cargo', 'docker', 'docker', 'docker', 'docker', 'docker']);
    // Names that are not URI escapes must not throw: a crate's snippet file and a hostile URI.
    assert.deepStrictEqual(['%3C%=-Fixtures_identify(%3Asymbol)-%%3E.sublime-snippet', 'file:///w/%E0%A4%A', '/w/100%/Cargo.toml'].map(fileKindOf), [undefined, undefined, 'cargo']);
    assert.deepStrictEqual(['cargo.toml', 'Cargo.lock', 'Dockerfile.dockerignore', '.dockerignore', 'main.rs', 'rust-patterns.toml'].map(fileKindOf), [undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('finds nothing in a manifest that is not TOML, and survives hostile text', () => {
    const facts = { manifest: { hasMainFile: true, underWorkspaceRoot: false, reliesOnUnwinding: false } };
    assert.deepStrictEqual(lintOtherFile('cargo', '[package\nname = ', facts, FILE_RULES), []);
    for (const text of ['', '\u0000\uFFFF', '['.repeat(5000), 'a = '.repeat(2000), '[[bin]]\n'.repeat(500)]) {
      lintOtherFile('cargo', text, facts, FILE_RULES);
      lintOtherFile('docker', text, { docker: { dockerignore: null } }, FILE_RULES);
    }
    assert.ok(lintOtherFile('docker', 'FROM\nRUN\nUSER\nCOPY\nFROM rust AS\nRUN cargo build', { docker: { dockerignore: null } }, FILE_RULES).length > 0);
  });

  it('keeps the other findings when one rule throws', () => {
    const failures: string[] = [];
    const throwing = { ...FILE_RULES.find((r) => r.id === 'docker_root_user')!, check: () => { throw new Error('boom'); } };
    const found = lintOtherFile('docker', 'FROM rust:1.75\nRUN cargo build\n', { docker: {} }, [throwing, ...FILE_RULES.filter((r) => r.id === 'docker_debug_build')], (rule, e) => failures.push(`${rule.id}: ${(e as Error).message}`));
    assert.deepStrictEqual(found.map((f) => f.ruleId), ['docker_debug_build']);
    assert.deepStrictEqual(failures, ['docker_root_user: boom']);
  });
});
