import * as assert from 'assert';
import * as fs from 'fs';
import { project, runJson } from '../support/cli';

const LET_ELSE = 'pub fn f(v: Option<u8>) -> u8 {\n    let Some(x) = v else { return 0 };\n    x\n}\n';

describe('CLI: incompatible_msrv on a package that inherits its rust-version', () => {
  it('reports code newer than the workspace\'s rust-version, not in tests or in a module behind a nightly feature', () => {
    const root = project({
      'Cargo.toml': '[workspace]\nmembers = ["core"]\n\n[workspace.package]\nrust-version = "1.60"\n',
      'core/Cargo.toml': '[package]\nname = "core-lib"\nversion = "0.1.0"\nedition = "2021"\nrust-version.workspace = true\n\n[features]\nnightly = []\n',
      'core/src/lib.rs': `#[cfg(feature = "nightly")]\nmod fast;\n\n${LET_ELSE}`,
      'core/src/fast.rs': LET_ELSE,
      'core/tests/it.rs': LET_ELSE,
    });
    try {
      const found = runJson(['check', '--rule', 'incompatible_msrv'], root).report.findings.map((f) => [f.path, f.start.line, f.message]);
      assert.deepStrictEqual(found, [['core/src/lib.rs', 5, '`let … else` needs Rust 1.65, but the crate declares `rust-version = "1.60"`']]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
