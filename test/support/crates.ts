import * as path from 'path';
import { type CompileResult, type Dependencies, cargoCheck } from './rustc';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The crates a service's code uses, from Debian's registry, in one fixture crate so that the snippets
 * and the documented examples share one build cache.
 */
export const SERVICE_CRATES: Dependencies = {
  tokio: '{ version = "1", features = ["full"] }',
  rand: '"0.8"',
  tracing: '"0.1"',
  thiserror: '"1"',
  anyhow: '"1"',
  hmac: '"0.12"',
  sha2: '"0.10"',
  hex: '"0.4"',
  subtle: '"2"',
  rust_decimal: '"1"',
  // Debian packages no rust_decimal_macros: a faithful stand-in for `dec!` (see its lib.rs).
  rust_decimal_macros: `{ path = "${path.join(ROOT, 'test/fixtures/rust_decimal_macros')}" }`,
};

/** `cargo check` of `source` as the lib of a crate depending on `SERVICE_CRATES`, offline. */
export function serviceCheck(source: string): CompileResult {
  return cargoCheck(source, SERVICE_CRATES);
}
