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

  it('suggest panic = "abort" only for services that never catch a panic', () => {
    checkFileRule('release_panic_abort', `
       [package]
      #^^^^^^^^^ no code catches a panic
       name = "orders"
       [dependencies.axum]
       version = "0.7"
    `, facts());
    checkFileRule('release_panic_abort', `
       [package]
       name = "orders"
       [dependencies]
       web = { package = "axum", version = "0.7" }
    `, facts({ reliesOnUnwinding: true }));
    checkFileRule('release_panic_abort', `
       [package]
       name = "cli-tool"
       [dependencies]
       clap = "4"
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
