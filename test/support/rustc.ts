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

/** A fixture crate's dependencies: crate name to its Cargo.toml value, e.g. `'{ version = "1", features = ["full"] }'`. */
export type Dependencies = Record<string, string>;

const TOKIO: Dependencies = { tokio: '{ version = "1", features = ["full"] }' };

/**
 * Makes a fixture crate with these dependencies that builds offline against Debian's crate sources.
 * The crate is this process's own (people run the tests at the same time on one machine, and must
 * not compile each other's lib.rs); its build directory is shared per dependency set, so the
 * dependencies are compiled once (cargo locks it while building). Throws, loudly, when the machine
 * lacks a crate: a check that cannot run must not pass.
 */
export function ensureCrate(dependencies: Dependencies): string {
  const available = fs.readdirSync(REGISTRY);
  for (const [name, spec] of Object.entries(dependencies)) {
    if (spec.includes('path =') || available.some((d) => d.startsWith(`${name}-`) && /^\d/.test(d.slice(name.length + 1)))) continue;
    throw new Error(`Debian's ${name} sources are missing under ${REGISTRY}: run scripts/setup-test-deps.sh`);
  }
  const crate = path.join(os.tmpdir(), `rust-patterns-fixture-${dependencyKey(dependencies)}-${process.pid}`);
  if (!fs.existsSync(crate)) process.once('exit', () => fs.rmSync(crate, { recursive: true, force: true }));
  fs.mkdirSync(path.join(crate, 'src'), { recursive: true });
  fs.mkdirSync(path.join(crate, '.cargo'), { recursive: true });
  const deps = Object.entries(dependencies).map(([name, spec]) => `${name} = ${spec}\n`).join('');
  fs.writeFileSync(path.join(crate, 'Cargo.toml'), `[package]\nname = "fixture"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n${deps}`);
  fs.writeFileSync(
    path.join(crate, '.cargo', 'config.toml'),
    `[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "${REGISTRY}"\n\n[net]\noffline = true\n`,
  );
  return crate;
}

export function ensureTokioCrate(): string {
  return ensureCrate(TOKIO);
}

/** `cargo check` of `source` as the lib of a crate depending on Debian's tokio, offline. */
export function tokioCheck(source: string): CompileResult {
  return cargoCheck(source, TOKIO);
}

/** `cargo check` of `source` as the lib of a crate with `dependencies` from Debian's registry, offline. */
export function cargoCheck(source: string, dependencies: Dependencies): CompileResult {
  return cargo(['check'], source, dependencies);
}

/** `cargo test` of `source` (with its `#[cfg(test)]` tests) as such a lib: its tests must pass. */
export function cargoTest(source: string, dependencies: Dependencies): CompileResult {
  return cargo(['test', '--lib'], source, dependencies);
}

function cargo(command: string[], source: string, dependencies: Dependencies): CompileResult {
  const crate = ensureCrate(dependencies);
  fs.writeFileSync(path.join(crate, 'src', 'lib.rs'), source);
  // Cargo compares mtimes: make sure a rewrite within the same tick is still seen as a change.
  const future = new Date(Date.now() + 1000);
  fs.utimesSync(path.join(crate, 'src', 'lib.rs'), future, future);
  const env = { ...process.env, CARGO_TERM_COLOR: 'never', CARGO_TARGET_DIR: path.join(os.tmpdir(), `rust-patterns-target-${dependencyKey(dependencies)}`) };
  const r = spawnSync('cargo', [...command, '--offline', '--quiet', '--message-format', 'short'], { cwd: crate, encoding: 'utf8', env });
  if (r.error) throw new Error(`cargo could not run: ${r.error.message}`);
  // A failing test's report is on stdout.
  return { ok: r.status === 0, stderr: r.stderr + r.stdout };
}

function dependencyKey(dependencies: Dependencies): string {
  return Object.keys(dependencies).sort().join('+');
}

export function haveCommand(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
