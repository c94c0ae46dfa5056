import { checkFileFix, checkFileRule } from '../support/checkFileRule';

const IGNORED = { docker: { path: 'Dockerfile', dockerignore: 'target/\n.git/\n' } };
const NO_IGNORE = { docker: { path: 'Dockerfile', dockerignore: null } };

describe('docker_single_stage', () => {
  it('flags a final stage on the Rust toolchain image, directly or through the stage it continues', () => {
    checkFileRule('docker_single_stage', `
       FROM rust:1.75
      #     ^^^^^^^^^ built on \`rust:1.75\`
       COPY . .
       RUN cargo build --release
    `, IGNORED);
    checkFileRule('docker_single_stage', `
       FROM docker.io/library/rust:1.75-slim AS base
       FROM base AS app
      #     ^^^^ built on \`docker.io/library/rust:1.75-slim\`
       RUN cargo build --release
    `, IGNORED);
  });

  it('flags a final stage that installs a toolchain and compiles', () => {
    checkFileRule('docker_single_stage', `
       FROM debian:bookworm
      #     ^^^^^^^^^^^^^^^ compiles the crate
       RUN curl https://sh.rustup.rs -sSf | sh -s -- -y && cargo build --release
    `, IGNORED);
  });

  it('leaves multi-stage builds and development images alone', () => {
    checkFileRule('docker_single_stage', `
       FROM rust:1.75 AS builder
       RUN cargo build --release
       FROM gcr.io/distroless/cc-debian12:nonroot
       COPY --from=builder /app/target/release/app /app
    `, IGNORED);
    checkFileRule('docker_single_stage', `
       FROM rust:1.75
       RUN cargo build
    `, { docker: { path: '.devcontainer/Dockerfile', dockerignore: null } });
    checkFileRule('docker_single_stage', `
       FROM rust:latest AS web-tools
       RUN cargo install cargo-make wasm-pack
    `, IGNORED);
    checkFileRule('docker_single_stage', `
       FROM rust:1.75
       RUN cargo build
    `, { docker: { path: 'docker/Dockerfile.dev' } });
    checkFileRule('docker_single_stage', `
       FROM rust:latest
       RUN cargo build
    `, { docker: { path: 'ci/cgroups/Dockerfile', dockerignore: null } });
  });
});

describe('docker_root_user', () => {
  it('flags a final stage without USER, or one switching back to root', () => {
    checkFileRule('docker_root_user', `
       FROM rust:1.75 AS builder
       RUN cargo build --release
       FROM debian:bookworm-slim
      #     ^^^^^^^^^^^^^^^^^^^^ sets no \`USER\`
       COPY --from=builder /app/target/release/app /app
    `, IGNORED);
    checkFileRule('docker_root_user', `
       FROM rust:1.75 AS builder
       RUN cargo build --release
       FROM debian:bookworm-slim
       USER app
       USER root
      #^^^^^^^^^ switches to root
    `, IGNORED);
  });

  it('accepts USER in the final stage or in a stage it continues, and images running as nonroot', () => {
    checkFileRule('docker_root_user', `
       FROM rust:1.75 AS builder
       RUN cargo build --release
       FROM debian:bookworm-slim AS runtime
       USER 10001
       FROM runtime
       COPY --from=builder /app/target/release/app /app
    `, IGNORED);
    checkFileRule('docker_root_user', `
       FROM rust:1.75 AS builder
       RUN cargo build --release
       FROM gcr.io/distroless/cc-debian12:nonroot
    `, IGNORED);
    // The entrypoint starts the service as another user (`exec gosu "$UID" /app/server`).
    checkFileRule('docker_root_user', `
       FROM rust:1.75 AS builder
       RUN cargo build --release
       FROM alpine:3.21
       RUN apk add --no-cache su-exec
       ENTRYPOINT ["/app/docker-entrypoint.sh"]
    `, IGNORED);
  });

  it('says nothing about images that build no Rust', () => {
    checkFileRule('docker_root_user', `
       FROM node:20
       RUN npm ci
    `, IGNORED);
  });

  it('fix: USER before the command the image starts', () => {
    checkFileFix('docker_root_user', `
      FROM rust:1.75 AS builder
      RUN cargo build --release
      FROM debian:bookworm-slim
      COPY --from=builder /app/target/release/app /app
      CMD ["/app"]
    `, `
      FROM rust:1.75 AS builder
      RUN cargo build --release
      FROM debian:bookworm-slim
      COPY --from=builder /app/target/release/app /app
      USER 65532:65532
      CMD ["/app"]
    `, IGNORED);
  });
});

describe('docker_debug_build', () => {
  it('flags cargo build without --release, -r or a profile', () => {
    checkFileRule('docker_debug_build', `
       FROM rust:1.75 AS builder
       RUN cargo fetch && cargo +stable build --locked \\
      #                   ^^^^^^^^^^^^^^^^^^^ unoptimised debug binary
           --bin app
       RUN cargo build -r && cargo build --profile production && cargo install --path .
    `, IGNORED);
  });

  it('leaves a debug build that is the opt-in branch of a step building for release too', () =>
    checkFileRule('docker_debug_build', `
       FROM rust:1.75 AS builder
       ARG PROFILE="release"
       RUN if [ "$PROFILE" = "release" ]; then \\
             cargo build --release --bin app; \\
           else \\
             cargo build --bin app; \\
           fi
       RUN cargo build --bin tool
      #    ^^^^^^^^^^^ unoptimised debug binary
    `, IGNORED));

  it('fix: build with --release and copy from target/release', () => {
    checkFileFix('docker_debug_build', `
      FROM rust:1.75 AS builder
      RUN cargo build --locked
      FROM debian:bookworm-slim
      COPY --from=builder /app/target/x86_64-unknown-linux-musl/debug/app /app
    `, `
      FROM rust:1.75 AS builder
      RUN cargo build --release --locked
      FROM debian:bookworm-slim
      COPY --from=builder /app/target/x86_64-unknown-linux-musl/release/app /app
    `, IGNORED);
  });
});

describe('docker_uncached_dependencies', () => {
  it('flags the first build after the sources are copied', () => {
    checkFileRule('docker_uncached_dependencies', `
       FROM rust:1.75 AS builder
       COPY Cargo.toml Cargo.lock ./
       COPY src ./src
       RUN cargo build --release
      #    ^^^^^^^^^^^ any code change compiles every dependency again
       RUN cargo build --release --bin other
    `, IGNORED);
  });

  it('accepts the dummy main trick, cargo-chef and cache mounts', () => {
    checkFileRule('docker_uncached_dependencies', `
       FROM rust:1.75 AS builder
       COPY Cargo.toml Cargo.lock ./
       RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release && rm -rf src
       COPY . .
       RUN touch src/main.rs && cargo build --release
    `, IGNORED);
    checkFileRule('docker_uncached_dependencies', `
       FROM lukemathwalker/cargo-chef:latest-rust-1 AS chef
       COPY . .
       RUN cargo build --release
    `, IGNORED);
    checkFileRule('docker_uncached_dependencies', `
       FROM rust:1.75 AS builder
       COPY . .
       RUN --mount=type=cache,target=/app/target cargo build --release
    `, IGNORED);
    // A stand-in project from cargo new: the local path crates copied into it are dependencies too.
    checkFileRule('docker_uncached_dependencies', `
       FROM rust:1.75 AS builder
       RUN USER=root cargo new --bin /app
       WORKDIR /app
       COPY ./Cargo.* ./build.rs ./
       COPY ./macros ./macros
       RUN cargo build --release && find . -not -path "./target*" -delete
       COPY . .
       RUN cargo build --release
    `, IGNORED);
  });
});

describe('docker_missing_dockerignore', () => {
  it('flags the first COPY of the whole context when nothing keeps target/ out', () => {
    checkFileRule('docker_missing_dockerignore', `
       FROM rust:1.75 AS builder
       COPY --chown=app . /app
      #^^^^^^^^^^^^^^^^^^ no \`.dockerignore\`
       COPY . .
       RUN cargo build --release
    `, NO_IGNORE);
    checkFileRule('docker_missing_dockerignore', `
       FROM rust:1.75 AS builder
       ADD ./ /app
      #^^^^^^ does not exclude \`target/\`
       RUN cargo install --locked --path .
    `, { docker: { path: 'Dockerfile', dockerignore: '.git\n' } });
  });

  it('is silent when target/ is ignored, when only parts are copied, or when the host could not look', () => {
    for (const dockerignore of ['target', '/target/\n', '**/target\n', '*\n!src\n!Cargo.*\n', './target\n', 'target/*\n']) {
      checkFileRule('docker_missing_dockerignore', `
         FROM rust:1.75
         COPY . .
      `, { docker: { dockerignore } });
    }
    checkFileRule('docker_missing_dockerignore', `
       FROM rust:1.75
       COPY src ./src
    `, NO_IGNORE);
    checkFileRule('docker_missing_dockerignore', `
       FROM rust:1.75
       COPY . .
    `, { docker: {} });
    // A test's or CI's Dockerfile ships nothing.
    checkFileRule('docker_missing_dockerignore', `
       FROM rust:1.75
       COPY . .
       RUN cargo build --release
    `, { docker: { path: 'builder/tests/rust.Dockerfile', dockerignore: null } });
  });
});
