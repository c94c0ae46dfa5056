import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const REGISTRY = '/usr/share/cargo/registry';

/** The real-Rust corpus comes from Debian: install it when missing (same script as the tests). */
export function ensureCorpus(): void {
  execFileSync('bash', [path.join(ROOT, 'scripts/setup-test-deps.sh')], { stdio: 'inherit' });
}

export function rustSrc(): string {
  const dirs = fs.readdirSync('/usr/src').filter((d) => /^rustc-\d/.test(d)).sort();
  if (!dirs.length) throw new Error('no /usr/src/rustc-*: apt-get install rust-src');
  return path.join('/usr/src', dirs.includes('rustc-1.63.0') ? 'rustc-1.63.0' : dirs[dirs.length - 1]);
}

export interface SizedFile {
  label: string;
  file: string;
  text: string;
  lines: number;
}

/** One real file per size class, from the standard library (~1k, ~4k, ~12k, ~56k lines). */
export function sizedFiles(): SizedFile[] {
  const src = rustSrc();
  const picks: [string, string][] = [
    ['~1k', 'library/std/src/net/tcp.rs'],
    ['~4k', 'library/core/src/iter/traits/iterator.rs'],
    ['~12k', 'library/stdarch/crates/core_arch/src/arm_shared/neon/mod.rs'],
    ['~56k', 'library/stdarch/crates/core_arch/src/x86/avx512f.rs'],
  ];
  return picks.map(([label, rel]) => {
    const file = path.join(src, rel);
    const text = fs.readFileSync(file, 'utf8');
    return { label, file, text, lines: lineCount(text) };
  });
}

export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** `count` files spread evenly over the crate corpus (deterministic), none over `maxBytes`. */
export function spreadSample(files: readonly string[], count: number, maxBytes = 256 * 1024): string[] {
  const fitting = files.filter((f) => fs.statSync(f).size <= maxBytes);
  const step = fitting.length / count;
  return Array.from({ length: Math.min(count, fitting.length) }, (_, i) => fitting[Math.floor(i * step)]);
}
