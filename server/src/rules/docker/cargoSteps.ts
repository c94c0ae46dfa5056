import type { Step } from '../../analysis/dockerfile';
import type { Span } from '../../analysis/finding';

/** One `cargo build` (or `cargo install --path`) in a RUN: where `cargo … build` is written, and its arguments. */
export interface CargoBuild {
  /** `cargo build`, toolchain override included (`cargo +nightly build`). */
  command: Span;
  /** The arguments up to the next shell operator, continuation lines joined. */
  args: string;
  /** `cargo install --path …`: builds in release unless told `--debug`. */
  install: boolean;
}

const CARGO_BUILD = /\bcargo(?:\s+\+\S+)?\s+(build|install)\b((?:[^;&|\n\\]|\\\r?\n|\\.)*)/g;

export function cargoBuilds(step: Step): CargoBuild[] {
  if (step.keyword !== 'RUN') return [];
  const out: CargoBuild[] = [];
  for (const m of step.raw.matchAll(CARGO_BUILD)) {
    const args = m[2].replace(/\\\r?\n/g, ' ');
    const install = m[1] === 'install';
    // `cargo install ripgrep` installs a tool; only `--path` builds the project itself.
    if (install && !/(?:^|\s)--path\b/.test(args)) continue;
    const start = step.start + m.index;
    out.push({ command: { start, end: start + m[0].length - m[2].length }, args, install });
  }
  return out;
}

/** The build is optimised: `--release`, `-r`, or a named `--profile`; `cargo install` unless `--debug`. */
export function isOptimisedBuild(build: CargoBuild): boolean {
  if (build.install) return !/(?:^|\s)--debug\b/.test(build.args);
  return /(?:^|\s)(?:--release|-r|--profile(?:=|\s+)(?!dev\b)\S)/.test(build.args);
}
