/**
 * The Dockerfile the docker_* rule pages start from, the guide's way: a builder stage whose
 * dependencies stay compiled between builds (BuildKit cache mounts), and a final stage holding only
 * the binary on a distroless image that runs as its non-root user. Each page varies one step of it.
 */
export function guideDockerfile(variant: { build?: string; final?: string[] } = {}): string {
  const build = variant.build ?? 'cargo build --release && cp target/release/app /usr/local/bin/app';
  const final = variant.final ?? ['FROM gcr.io/distroless/cc-debian12:nonroot', 'COPY --from=builder /usr/local/bin/app /usr/local/bin/app', 'ENTRYPOINT ["/usr/local/bin/app"]'];
  return [
    'FROM rust:1.75-slim-bookworm AS builder',
    'WORKDIR /app',
    'COPY . .',
    'RUN --mount=type=cache,target=/usr/local/cargo/registry \\',
    '    --mount=type=cache,target=/app/target \\',
    `    ${build}`,
    '',
    ...final,
  ].join('\n');
}
