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
