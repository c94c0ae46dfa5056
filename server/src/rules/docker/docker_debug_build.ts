import { guideDockerfile } from './docSnippets';
import type { Finding } from '../../analysis/finding';
import type { DockerRule } from '../../analysis/fileRule';
import type { TextEdit } from '../../analysis/rule';
import { cargoBuilds, isOptimisedBuild } from './cargoSteps';

export const dockerDebugBuild: DockerRule = {
  id: 'docker_debug_build',
  file: 'docker',
  severity: 'warning',
  section: 'Multi-stage Docker Builds for Production Readiness',
  summary: 'A Dockerfile that builds the image\'s binary without `--release`',
  docs: {
    what:
      'Flags `cargo build` in a `RUN` instruction without `--release`, `-r` or a `--profile`. Dockerfiles whose path ' +
      'says they are for development, CI or tests (`Dockerfile.dev`, `ci/Dockerfile`, `.devcontainer/`) are left alone.',
    why:
      'Without `--release`, cargo builds the dev profile: no optimisation and with debug assertions and overflow ' +
      'checks on. On CPU-bound code such a binary is commonly an order of magnitude slower than the release build, and it is larger. An image ' +
      'is built to be deployed; the guide\'s Dockerfiles all build with `--release`.',
    example: guideDockerfile({ build: 'cargo build && cp target/debug/app /usr/local/bin/app' }),
    instead: guideDockerfile(),
    language: 'dockerfile',
  },
  fix: { availability: 'always', safety: 'unsafe', note: 'It also rewrites the paths that copy from `target/debug`, and a release build may behave differently (no overflow checks, no debug assertions).' },
  check(d) {
    if (!d.forProduction) return [];
    const out: Finding[] = [];
    for (const stage of d.stages) {
      for (const step of stage.steps) {
        const builds = cargoBuilds(step);
        // `if [ "$PROFILE" = release ]; then cargo build --release; else cargo build; fi`: the debug
        // build is the opt-in branch of a step that builds for release too.
        if (builds.some(isOptimisedBuild)) continue;
        for (const b of builds) {
          if (!isOptimisedBuild(b)) out.push({ ruleId: 'docker_debug_build', ...b.command, message: 'This `cargo build` makes an unoptimised debug binary: build the image with `--release`' });
        }
      }
    }
    return out;
  },
  fixes(finding, d) {
    // The release build lands in target/release: the paths that copy the debug one move with it.
    const edits: TextEdit[] = [{ start: finding.end, end: finding.end, newText: ' --release' }];
    for (const m of d.text.matchAll(/\btarget\/(?:[\w.-]+\/)?(debug)(?=\/|\s|$)/g)) {
      const at = m.index + m[0].length - 'debug'.length;
      edits.push({ start: at, end: at + 'debug'.length, newText: 'release' });
    }
    return [{ title: edits.length > 1 ? 'Build with --release (and copy from target/release)' : 'Build with --release', edits, safe: false, preferred: true }];
  },
};

