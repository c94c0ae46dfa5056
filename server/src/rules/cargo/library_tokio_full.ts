import type { Finding, Span } from '../../analysis/finding';
import { type Manifest, resolveDependency, table } from '../../analysis/manifest';
import type { CargoRule } from '../../analysis/fileRule';
import { buildsBinary, isUnpublished } from './releaseProfile';

/**
 * A library is compiled into other people's binaries with the union of every feature anyone asks
 * for, so its `features = ["full"]` turns on all of tokio for each dependent.
 */
export const libraryTokioFull: CargoRule = {
  id: 'library_tokio_full',
  file: 'cargo',
  severity: 'info',
  section: 'Compile-time optimizations enable production performance',
  summary: 'A library crate that turns on every tokio feature for all its dependents',
  docs: {
    what:
      'Flags `features = ["full"]` on the `tokio` dependency (under `[dependencies]` or a `[target.…]` table, renamed or ' +
      'not) of a package that builds only a library and may be published, also where it says `workspace = true` and the ' +
      'workspace\'s `[workspace.dependencies]` entry asks for `"full"`, which Cargo gives it along with the features it adds. Binaries, dev-dependencies and ' +
      'build-dependencies may ask for everything, and so may a library crates.io would not take (`publish = false`, or no ' +
      'description or license, own or the workspace\'s), which only its own workspace builds.',
    why:
      'Cargo unifies features: whatever a library enables is enabled in every binary that depends on it, and no ' +
      'dependent can turn it off. `full` brings in the multi-threaded runtime, the I/O driver, process, signal, fs, ' +
      'net and the macros, with their compile time and code, for users who may need only `sync` or `rt`. Name the ' +
      'features the library uses and leave the rest to the application.',
    example: ['[package]', 'name = "rate-limiter"', '', '[dependencies]', 'tokio = { version = "1", features = ["full"] }'].join('\n'),
    instead: ['[package]', 'name = "rate-limiter"', '', '[dependencies]', 'tokio = { version = "1", features = ["sync", "time"] }', '', '[dev-dependencies]', 'tokio = { version = "1", features = ["full"] }'].join('\n'),
    language: 'toml',
  },
  check(m) {
    if (!isLibraryOnly(m)) return [];
    const out: Finding[] = [];
    const tables: (string | number)[][] = [['dependencies'], ...Object.keys(table(m.get(['target'])) ?? {}).map((t) => ['target', t, 'dependencies'])];
    for (const base of tables) {
      for (const [name, spec] of Object.entries(table(m.get(base.map(String))) ?? {})) {
        const dep = resolveDependency(m, name, spec);
        if (dep.crate !== 'tokio') continue;
        const own = dep.features.includes('full');
        const place = own ? m.locate([...base, name, 'features', (table(spec)?.features as unknown[]).indexOf('full')]) : dep.inheritedFeatures.includes('full') ? inheritance(m, [...base, name]) : undefined;
        if (!place) continue;
        const message = own
          ? 'This library turns on every tokio feature for each crate that depends on it: list the ones it uses'
          : 'This library takes tokio\'s "full" from `[workspace.dependencies]`, turning on every tokio feature for each crate that depends on it: list the ones it uses here, and fewer in the workspace\'s entry';
        out.push({ ruleId: 'library_tokio_full', start: place.start, end: place.end, message });
      }
    }
    return out;
  },
};

/** Where an entry says `workspace = true`: the whole key-value, dotted (`tokio.workspace = true`) or inline. */
function inheritance(m: Manifest, entry: (string | number)[]): Span | undefined {
  const value = m.locate([...entry, 'workspace']);
  const kv = value?.node.parent;
  return kv?.type === 'TOMLKeyValue' ? { start: kv.range[0], end: kv.range[1] } : value;
}

/**
 * A package with a library and no binary that others may depend on; unknown files beside it leave the
 * question open (false). An unpublished library reaches only its workspace's binaries, which choose.
 */
function isLibraryOnly(m: Manifest): boolean {
  if (!m.isPackage || buildsBinary(m) || isUnpublished(m) || m.facts.publishable === false) return false;
  if (m.facts.hasMainFile === undefined && m.get(['bin']) === undefined) return false;
  return m.get(['lib']) !== undefined || !!m.facts.hasLibFile;
}
