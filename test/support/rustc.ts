import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface CompileResult {
  ok: boolean;
  stderr: string;
}

/** `rustc --edition 2021 --crate-type lib` on a standalone file (metadata only: fast). */
export function rustcCheck(source: string): CompileResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-rustc-'));
  try {
    const file = path.join(dir, 'lib.rs');
    fs.writeFileSync(file, source);
    const r = spawnSync('rustc', ['--edition', '2021', '--crate-type', 'lib', '--emit=metadata', '-A', 'warnings', '--out-dir', dir, file], { encoding: 'utf8' });
    if (r.error) throw new Error(`rustc could not run: ${r.error.message}`);
    return { ok: r.status === 0, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const REGISTRY = '/usr/share/cargo/registry';
const CRATE = path.join(os.tmpdir(), 'rust-patterns-tokio-fixture');

/**
 * Makes Debian's crate sources available (apt) and a fixture crate that builds against them
 * offline. Throws, loudly, when the machine cannot provide them: a check that cannot run must not pass.
 */
export function ensureTokioCrate(): string {
  if (!fs.existsSync(path.join(REGISTRY, 'tokio-1.24.2')) && !fs.readdirSync(REGISTRY, { withFileTypes: true }).some((d) => d.name.startsWith('tokio-1.'))) {
    throw new Error(`Debian's tokio sources are missing under ${REGISTRY}: run scripts/setup-test-deps.sh (apt-get install librust-tokio-dev)`);
  }
  fs.mkdirSync(path.join(CRATE, 'src'), { recursive: true });
  fs.mkdirSync(path.join(CRATE, '.cargo'), { recursive: true });
  fs.writeFileSync(
    path.join(CRATE, 'Cargo.toml'),
    '[package]\nname = "fixture"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1", features = ["full"] }\n',
  );
  fs.writeFileSync(
    path.join(CRATE, '.cargo', 'config.toml'),
    `[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "${REGISTRY}"\n\n[net]\noffline = true\n`,
  );
  return CRATE;
}

/** `cargo check` of `source` as the lib of a crate depending on Debian's tokio, offline. */
export function tokioCheck(source: string): CompileResult {
  const crate = ensureTokioCrate();
  fs.writeFileSync(path.join(crate, 'src', 'lib.rs'), source);
  // Cargo compares mtimes: make sure a rewrite within the same tick is still seen as a change.
  const future = new Date(Date.now() + 1000);
  fs.utimesSync(path.join(crate, 'src', 'lib.rs'), future, future);
  const r = spawnSync('cargo', ['check', '--offline', '--quiet', '--message-format', 'short'], { cwd: crate, encoding: 'utf8', env: { ...process.env, CARGO_TERM_COLOR: 'never' } });
  if (r.error) throw new Error(`cargo could not run: ${r.error.message}`);
  return { ok: r.status === 0, stderr: r.stderr };
}

export function haveCommand(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
