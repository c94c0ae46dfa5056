import type { CrateFacts } from './crateFacts';

/**
 * Whether a whole file is exempt from the rules production code must follow: its role in its
 * package's crate model, or, for a file in no package, where it sits.
 */
export function isTestFile(relativePath: string, crate: CrateFacts | undefined): boolean {
  return crate ? crate.role !== 'production' : isTestPath(relativePath);
}

/**
 * Files that are test code as a whole: under `tests/`, `benches/` or `examples/` (at any depth of the
 * workspace-relative path, so workspace members count too) and build scripts.
 */
export function isTestPath(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]+/).filter(Boolean);
  const file = parts.pop();
  if (file === 'build.rs') return true;
  return parts.some((p) => p === 'tests' || p === 'benches' || p === 'examples');
}
