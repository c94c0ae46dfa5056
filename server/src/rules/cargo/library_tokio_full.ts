import type { Finding } from '../../analysis/finding';
import { type Manifest, dependencyCrate, table } from '../../analysis/manifest';
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
      'not) of a package that builds only a library and may be published. Binaries, dev-dependencies and ' +
      'build-dependencies may ask for everything, and so may a `publish = false` library, which only its own ' +
      'workspace builds.',
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
        if (dependencyCrate(name, spec) !== 'tokio') continue;
        const features = table(spec)?.features;
        const at = Array.isArray(features) ? features.indexOf('full') : -1;
        const place = at >= 0 ? m.locate([...base, name, 'features', at]) : undefined;
        if (place) out.push({ ruleId: 'library_tokio_full', start: place.start, end: place.end, message: 'This library turns on every tokio feature for each crate that depends on it: list the ones it uses' });
      }
    }
    return out;
  },
};

/**
 * A package with a library and no binary that others may depend on; unknown files beside it leave the
 * question open (false). An unpublished library reaches only its workspace's binaries, which choose.
 */
function isLibraryOnly(m: Manifest): boolean {
  if (!m.isPackage || buildsBinary(m) || isUnpublished(m)) return false;
  if (m.facts.hasMainFile === undefined && m.get(['bin']) === undefined) return false;
  return m.get(['lib']) !== undefined || !!m.facts.hasLibFile;
}
