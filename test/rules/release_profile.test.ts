import { checkFileFix, checkFileRule } from '../support/checkFileRule';
import type { ManifestFacts } from '../../server/src/analysis/manifest';

/** A binary package on its own, its sources never catching a panic. */
const APP: ManifestFacts = { hasMainFile: true, hasLibFile: false, underWorkspaceRoot: false, reliesOnUnwinding: false, releaseKeysElsewhere: [] };
const facts = (over: Partial<ManifestFacts> = {}) => ({ manifest: { ...APP, ...over } });

describe('release profile rules (release_lto, release_codegen_units, release_strip, release_panic_abort)', () => {
  it('point at [package] of a binary without [profile.release]', () => {
    checkFileRule('release_lto', `
       [package]
      #^^^^^^^^^ no \`[profile.release]\`, so no link-time optimisation
       name = "orders"
    `, facts());
    checkFileRule('release_codegen_units', `
       [package]
      #^^^^^^^^^ \`codegen-units = 1\`
       name = "orders"
    `, facts());
  });

  it('point at [profile.release] when it lacks the key, and say nothing of keys it sets', () => {
    checkFileRule('release_lto', `
       [package]
       name = "orders"
       [profile.release]
       lto = false
    `, facts());
    checkFileRule('release_strip', `
       [package]
       name = "orders"
       [ profile.release ]
      #^^^^^^^^^^^^^^^^^^^ does not set \`strip\`
       lto = "thin"
    `, facts());
  });

  it('leave strip alone when the release profile asks for debug info', () => {
    checkFileRule('release_strip', `
       [package]
       name = "orders"
       [profile.release]
       debug = true
    `, facts());
  });

  it('count keys set in .cargo/config.toml', () => {
    checkFileRule('release_lto', `
       [package]
       name = "orders"
    `, facts({ releaseKeysElsewhere: ['lto'] }));
  });

  it('stay silent on libraries, on library packages with helper binaries, and on workspace members', () => {
    checkFileRule('release_lto', `
       [package]
       name = "parser"
    `, facts({ hasMainFile: false, hasLibFile: true }));
    checkFileRule('release_lto', `
       [package]
       name = "cc"
       autobins = false
       [lib]
       path = "src/lib.rs"
       [[bin]]
       name = "gcc-shim"
       path = "src/bin/gcc-shim.rs"
    `, facts({ hasMainFile: false, hasLibFile: true }));
    checkFileRule('release_lto', `
       [package]
       name = "bindgen"
    `, facts({ hasLibFile: true }));
    checkFileRule('release_lto', `
       [package]
       name = "api"
    `, facts({ underWorkspaceRoot: true }));
  });

  it('stay silent on the fuzz targets and example packages that ship inside another package', () => {
    checkFileRule('release_lto', `
       [package]
       name = "mbedtls-example"
    `, facts({ auxiliaryPackage: true }));
    // cargo-fuzz's own project: often a workspace of its own (\`members = ["."]\`) so the parent's does not claim it.
    checkFileRule('release_lto', `
       [package]
       name = "parser-fuzz"
       [package.metadata]
       cargo-fuzz = true
       [workspace]
       members = ["."]
    `, facts({}));
  });

  it('speak at the workspace root when a member builds a binary', () => {
    checkFileRule('release_lto', `
       [workspace]
      #^^^^^^^^^^^ no \`[profile.release]\`
       members = ["crates/*"]
    `, facts({ hasMainFile: false, memberHasBinary: true, underWorkspaceRoot: undefined }));
    checkFileRule('release_lto', `
       [workspace]
       members = ["crates/*"]
    `, facts({ hasMainFile: false, memberHasBinary: false }));
  });

  it('count a library with a main as an application when it is unpublished or a service', () => {
    checkFileRule('release_lto', `
       [package]
      #^^^^^^^^^ link-time optimisation
       name = "zero2prod"
       publish = false
    `, facts({ hasLibFile: true }));
    checkFileRule('release_lto', `
       [package]
      #^^^^^^^^^ link-time optimisation
       name = "zero2prod"
       [dependencies]
       actix-web = "4"
    `, facts({ hasLibFile: true }));
  });

  it('say nothing when the host could not tell what is beside the manifest', () => {
    checkFileRule('release_lto', `
       [package]
       name = "orders"
    `, {});
  });

  it('suggest panic = "abort" only for async binaries where nothing catches a panic or keeps it in a task', () => {
    checkFileRule('release_panic_abort', `
       [package]
      #^^^^^^^^^ nothing catches a panic or keeps it in a task
       name = "worker"
       [dependencies.tokio]
       version = "1"
    `, facts());
    // The host found catch_unwind, a JoinHandle's panic, or spawned tasks in the sources.
    checkFileRule('release_panic_abort', `
       [package]
       name = "worker"
       [dependencies]
       rt = { package = "tokio", version = "1" }
    `, facts({ reliesOnUnwinding: true }));
    // A server framework runs each request in a task of its own: a panic ends that request alone.
    checkFileRule('release_panic_abort', `
       [package]
       name = "orders"
       [dependencies]
       tokio = "1"
       web = { package = "actix-web", version = "4" }
    `, facts());
    // A workspace root whose server member is built on one.
    checkFileRule('release_panic_abort', `
       [workspace]
       members = ["server"]
       [profile.release]
       lto = true
    `, facts({ memberHasBinary: true, memberDependencies: ['actix-web', 'tokio'] }));
    checkFileRule('release_panic_abort', `
       [package]
       name = "cli-tool"
       [dependencies]
       clap = "4"
    `, facts());
  });

  it('leave a published library at the root of its workspace alone, whatever binaries its members build', () => {
    checkFileRule('release_lto', `
       [package]
       name = "nanorand"
       [workspace]
       members = ["nanorand-bench"]
       [profile.bench]
       lto = "thin"
    `, facts({ hasMainFile: false, hasLibFile: true, memberHasBinary: true }));
    checkFileRule('release_lto', `
       [workspace]
      #^^^^^^^^^^^ no \`[profile.release]\`
       members = ["server"]
    `, facts({ hasMainFile: false, memberHasBinary: true }));
  });

  it('take an application with a library beside its main as unpublished through [workspace.package]', () => {
    checkFileRule('release_lto', `
       [package]
       name = "orders"
       publish.workspace = true
       [workspace]
      #^^^^^^^^^^^ no \`[profile.release]\`
       [workspace.package]
       publish = false
    `, facts({ hasLibFile: true }));
  });

  it('count keys set in a custom profile built on release, the one shipped (cargo-dist)', () => {
    checkFileRule('release_lto', `
       [package]
       name = "orders"
       [profile.shipped]
       inherits = "dist"
       lto = "fat"
       [profile.dist]
       inherits = "release"
    `, facts());
    checkFileRule('release_strip', `
       [package]
      #^^^^^^^^^ \`strip = true\`
       name = "orders"
       [profile.profiling]
       inherits = "dev"
       strip = true
    `, facts());
  });

  it('leave strip alone where backtraces are reported to a crash service', () => {
    checkFileRule('release_strip', `
       [package]
       name = "orders"
       [dependencies]
       sentry = { version = "0.34", features = ["backtrace", "panic"] }
    `, facts());
  });

  it('are silenced by a # rust-patterns: allow comment', () => {
    checkFileRule('release_lto', `
       # rust-patterns: allow(release_lto)
       [package]
       name = "orders"
    `, facts());
    checkFileRule('release_strip', `
       # rust-patterns: allow-file(release_strip)
       [package]
       name = "orders"
       [profile.release]
       lto = true
    `, facts());
  });

  it('fix: add the key below the last one of [profile.release], keeping its comments', () => {
    checkFileFix('release_codegen_units', `
      [package]
      name = "orders"

      [profile.release]
      lto = "thin" # cross-crate inlining

      [dependencies]
    `, `
      [package]
      name = "orders"

      [profile.release]
      lto = "thin" # cross-crate inlining
      codegen-units = 1

      [dependencies]
    `, facts());
  });

  it('fix: add the table at the end when there is none, or every recommended key at once', () => {
    checkFileFix('release_lto', `
      [package]
      name = "orders"
    `, `
      [package]
      name = "orders"

      [profile.release]
      lto = "thin"
    `, facts());
    checkFileFix('release_lto', `
      [package]
      name = "orders"
      [dependencies]
      tokio = "1"
    `, `
      [package]
      name = "orders"
      [dependencies]
      tokio = "1"

      [profile.release]
      lto = "thin"
      codegen-units = 1
      strip = true
      panic = "abort"
    `, facts(), 'the guide recommends');
  });
});
