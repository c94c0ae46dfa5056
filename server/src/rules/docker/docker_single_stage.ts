import { guideDockerfile } from './docSnippets';
import { isRustToolchainImage } from '../../analysis/dockerfile';
import type { DockerRule } from '../../analysis/fileRule';
import { cargoBuilds } from './cargoSteps';

export const dockerSingleStage: DockerRule = {
  id: 'docker_single_stage',
  file: 'docker',
  severity: 'warning',
  section: 'Cloud-native patterns balance resilience with operational complexity',
  summary: 'A Rust image that ships the compiler: the final stage is the build stage',
  docs: {
    what:
      'Flags the final stage of a Dockerfile that builds a Rust project when it is a Rust toolchain image (`rust`, ' +
      '`rustlang/rust`, the musl builders), continues a stage built on one, or compiles the crate itself. Images ' +
      'that only install cargo tools, and Dockerfiles whose path says they are for development, CI or tests, are ' +
      'left alone.',
    why:
      'Everything the build needed ships with the binary: rustc, cargo, the C toolchain, the package manager, the ' +
      'sources and `target/`. The guide measures the difference at an image of about 2 GB against under 50 MB when ' +
      'only the binary is copied into `distroless` or `scratch`: slower pulls and deploys, and far more for an ' +
      'attacker to use and for scanners to report. Build in one stage, then copy the binary into a minimal one ' +
      '(the `rp-docker-chef` and `rp-docker-musl` snippets).',
    example: ['FROM rust:1.75', 'WORKDIR /app', 'COPY . .', 'RUN cargo build --release', 'CMD ["/app/target/release/app"]'].join('\n'),
    instead: guideDockerfile(),
    language: 'dockerfile',
  },
  check(d) {
    const final = d.finalStage;
    if (!final || !d.forProduction || !d.buildsRust) return [];
    const lineage = d.lineage(final);
    const base = lineage[0].image;
    const builds = lineage.some((s) => s.steps.some((step) => cargoBuilds(step).length > 0));
    if (!isRustToolchainImage(base) && !builds) return [];
    const what = isRustToolchainImage(base) ? `is built on \`${base}\`` : 'compiles the crate';
    return [{ ruleId: 'docker_single_stage', ...final.imageSpan, message: `The image that ships ${what}: the Rust toolchain and the build go to production; copy the binary into a minimal final stage` }];
  },
};
