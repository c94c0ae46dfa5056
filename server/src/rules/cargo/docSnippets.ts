/** The release profile the guide recommends for an application, as the rule pages write it. */
const GUIDE_PROFILE = ['lto = "thin"', 'codegen-units = 1', 'strip = true'];

/**
 * An application's Cargo.toml for the release_* rule pages: its release profile without `omit` (the
 * example) or whole (the instead), after the given dependencies.
 */
export function guideManifest(options: { omit?: string; dependencies?: string[]; extra?: string[] } = {}): string {
  const profile = [...GUIDE_PROFILE.filter((line) => !options.omit || !line.startsWith(`${options.omit} `)), ...(options.extra ?? [])];
  const deps = options.dependencies ? ['', '[dependencies]', ...options.dependencies] : [];
  return ['[package]', 'name = "orders-api"', 'version = "0.1.0"', 'edition = "2021"', ...deps, '', '[profile.release]', ...profile].join('\n');
}
