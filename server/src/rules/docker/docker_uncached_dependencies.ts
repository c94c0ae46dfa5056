import type { Stage, Step } from '../../analysis/dockerfile';
import type { Finding } from '../../analysis/finding';
import type { DockerRule } from '../../analysis/fileRule';
import { cargoBuilds } from './cargoSteps';

/** Files that describe dependencies without being sources: copying only these keeps the layer cacheable. */
const MANIFEST = /(?:^|\/)(?:Cargo\.toml|Cargo\.lock|rust-toolchain(?:\.toml)?|\.cargo\/?|config\.toml)$/;

/** What a stage has done so far, carried into the stages that continue it. */
interface CacheState {
  sourcesCopied: boolean;
  dependenciesBuilt: boolean;
  /** `cargo new`/`cargo init` made a stand-in project: what is copied next (local path crates) goes into its dependency build. */
  standIn?: boolean;
}

export const dockerUncachedDependencies: DockerRule = {
  id: 'docker_uncached_dependencies',
  file: 'docker',
  severity: 'info',
  section: 'Multi-stage Docker Builds for Production Readiness',
  summary: 'A Dockerfile that compiles every dependency again after any source change',
  docs: {
    what:
      'Flags the first `cargo build` (or `cargo install --path`) of a stage that copied the sources without first ' +
      'building the dependencies in a layer of their own. Dockerfiles using cargo-chef, sccache, a BuildKit cache ' +
      'mount (`RUN --mount=type=cache`), or the dummy `main.rs` build over `Cargo.toml` and `Cargo.lock` alone are ' +
      'left alone.',
    why:
      'Docker reuses a layer only while everything copied before it is unchanged. When `COPY . .` comes first, one ' +
      'edited line invalidates the layer that compiles the whole dependency tree, and every build, locally and in ' +
      'CI, starts from nothing: minutes each time for a typical service. Building the dependencies from the ' +
      'manifests first (cargo-chef does it properly, the `rp-docker-chef` snippet sets it up) keeps that layer ' +
      'until `Cargo.lock` changes.',
    example: ['FROM rust:1.75-slim-bookworm AS builder', 'WORKDIR /app', 'COPY . .', 'RUN cargo build --release'].join('\n'),
    instead: [
      'FROM rust:1.75-slim-bookworm AS chef',
      'RUN cargo install cargo-chef --locked',
      'WORKDIR /app',
      '',
      'FROM chef AS planner',
      'COPY . .',
      'RUN cargo chef prepare --recipe-path recipe.json',
      '',
      'FROM chef AS builder',
      'COPY --from=planner /app/recipe.json recipe.json',
      'RUN cargo chef cook --release --recipe-path recipe.json',
      'COPY . .',
      'RUN cargo build --release',
      '',
      'FROM gcr.io/distroless/cc-debian12:nonroot',
      'COPY --from=builder /app/target/release/app /usr/local/bin/app',
      'ENTRYPOINT ["/usr/local/bin/app"]',
    ].join('\n'),
    language: 'dockerfile',
  },
  check(d) {
    if (!d.buildsRust || /\bcargo[\s-]chef\b|\bsccache\b/.test(d.text)) return [];
    const out: Finding[] = [];
    const states = new Map<Stage, CacheState>();
    for (const stage of d.stages) {
      const parent = d.lineage(stage).slice(-2, -1)[0];
      const state: CacheState = { ...(parent && states.get(parent) ? states.get(parent)! : { sourcesCopied: false, dependenciesBuilt: false }) };
      for (const step of stage.steps) {
        if (step.keyword === 'RUN' && /\bcargo\s+(?:new|init)\b/.test(step.raw)) state.standIn = true;
        if ((step.keyword === 'COPY' || step.keyword === 'ADD') && !step.flags.has('from') && !state.standIn && copiesSources(step)) state.sourcesCopied = true;
        // Build output brought from another stage (a cacher) is a dependency layer too.
        if (step.keyword === 'COPY' && step.flags.has('from') && step.args.some((a) => /target/.test(a.value))) state.dependenciesBuilt = true;
        if (step.keyword === 'RUN' && /\btype=cache\b/.test(step.flags.get('mount') ?? '')) state.dependenciesBuilt = true;
        const build = cargoBuilds(step)[0];
        if (!build || state.dependenciesBuilt) continue;
        if (state.sourcesCopied) out.push({ ruleId: 'docker_uncached_dependencies', ...build.command, message: 'The sources are copied before the dependencies are built: any code change compiles every dependency again' });
        state.dependenciesBuilt = true;
      }
      states.set(stage, state);
    }
    return out;
  },
};

/** A COPY or ADD bringing more than the manifests (its last argument is the destination). */
function copiesSources(step: Step): boolean {
  const sources = step.args.slice(0, -1).map((a) => a.value.replace(/^\.\//, ''));
  return sources.some((s) => !MANIFEST.test(s));
}
