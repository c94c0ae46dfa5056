import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REGISTRY } from './corpus';

export interface ClippyCrate {
  crate: string;
  dir: string;
  file: string;
}

/**
 * A copy of a small dependency-free Debian crate that builds offline against the Debian registry
 * (source replacement as in test/support/rustc.ts). Dev-dependencies are dropped: only the library is
 * checked, and Debian does not package all of them.
 */
export function prepareClippyCrate(crate = 'glob-0.3.0'): ClippyCrate {
  const src = path.join(REGISTRY, crate);
  if (!fs.existsSync(src)) throw new Error(`${src} is missing`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-clippy-'));
  fs.cpSync(src, dir, { recursive: true });
  fs.rmSync(path.join(dir, '.cargo-checksum.json'), { force: true });
  const manifest = path.join(dir, 'Cargo.toml');
  fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace(/^\[dev-dependencies[^\]]*\][^[]*/gm, ''));
  fs.mkdirSync(path.join(dir, '.cargo'));
  fs.writeFileSync(
    path.join(dir, '.cargo', 'config.toml'),
    `[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "${REGISTRY}"\n\n[net]\noffline = true\n`,
  );
  return { crate, dir, file: path.join(dir, 'src', 'lib.rs') };
}

export function haveClippy(): boolean {
  return spawnSync('cargo', ['clippy', '--version'], { stdio: 'ignore' }).status === 0;
}

function clippy(dir: string): { seconds: number; warnings: number } {
  const t0 = performance.now();
  const r = spawnSync('cargo', ['clippy', '--offline', '--message-format', 'short'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CARGO_TERM_COLOR: 'never' } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`cargo clippy failed in ${dir}: ${r.stderr.slice(-1000)}`);
  return { seconds, warnings: (r.stderr.match(/: warning: /g) ?? []).length };
}

/**
 * What a clippy user waits for after saving: the crate is built once, then each round changes one
 * function in the file (a real edit, so nothing is served from cache) and times `cargo clippy` to exit.
 */
export function clippyAfterEdit(c: ClippyCrate, repeats: number): { warmSeconds: number; seconds: number[]; warnings: number } {
  const warmSeconds = clippy(c.dir).seconds;
  const original = fs.readFileSync(c.file, 'utf8');
  const seconds: number[] = [];
  let warnings = 0;
  for (let i = 0; i < repeats; i++) {
    fs.writeFileSync(c.file, `${original}\n#[allow(dead_code)]\nfn bench_edit_${i}(v: Option<u32>) -> u32 {\n    v.unwrap() + ${i}\n}\n`);
    const r = clippy(c.dir);
    seconds.push(r.seconds);
    warnings = r.warnings;
  }
  fs.writeFileSync(c.file, original);
  return { warmSeconds, seconds, warnings };
}
