import type { Finding, Span } from '../../analysis/finding';
import { type Manifest, dependencyCrate, table } from '../../analysis/manifest';
import type { CargoRule } from '../../analysis/fileRule';
import type { Fix, RuleMeta, TextEdit } from '../../analysis/rule';

/** One `[profile.release]` key the guide recommends for a shipped binary, and when it applies. */
export interface ReleaseSetting {
  /** The rule asking for it. */
  rule: string;
  key: string;
  /** As written in TOML. */
  value: string;
  /** Beyond the key being unset: when this setting fits the crate. */
  fits: (m: Manifest) => boolean;
}

/** Crates a network service is built on: a binary depending on one is a service. */
const SERVICE_CRATES = new Set(['tokio', 'axum', 'actix-web', 'hyper', 'warp', 'tonic', 'rocket', 'poem', 'salvo', 'tide', 'async-std', 'actix-rt']);
/** Server frameworks that run each request or connection in a task of its own, which a panic ends alone, by unwinding. */
const TASK_PER_REQUEST = new Set(['axum', 'actix-web', 'hyper', 'warp', 'tonic', 'rocket', 'poem', 'salvo', 'tide']);
/** Crates that report panics and errors with symbolised backtraces, which `strip` would leave without names. */
const BACKTRACE_REPORTERS = /^(?:sentry(?:-.*)?|backtrace|color-backtrace|color-eyre)$/;

export const RELEASE_SETTINGS: ReleaseSetting[] = [
  { rule: 'release_lto', key: 'lto', value: '"thin"', fits: () => true },
  { rule: 'release_codegen_units', key: 'codegen-units', value: '1', fits: () => true },
  // Debug info asked for in release (for profiling), or backtraces reported to a crash service, are choices `strip` would undo.
  {
    rule: 'release_strip',
    key: 'strip',
    value: 'true',
    fits: (m) => [undefined, false, 0, 'none'].includes(m.get(['profile', 'release', 'debug']) as never) && !dependsOn(m, (c) => BACKTRACE_REPORTERS.test(c)),
  },
  // Abort takes unwinding away: only for async binaries where nothing catches a panic or isolates it in a task.
  { rule: 'release_panic_abort', key: 'panic', value: '"abort"', fits: (m) => isService(m) && !dependsOn(m, (c) => TASK_PER_REQUEST.has(c)) && m.facts.reliesOnUnwinding === false },
];

/**
 * Where Cargo takes this manifest's release profile for a binary: the span to point at (the
 * `[profile.release]` header, else the `[workspace]` or `[package]` one), or undefined when the
 * profile does not count here (a library, a member below its workspace root, a fuzz target or an
 * example package inside another package) or facts are missing.
 */
export function releaseProfileAnchor(m: Manifest): Span | undefined {
  if (m.facts.underWorkspaceRoot !== false && !m.isWorkspaceRoot) return undefined;
  if (m.facts.auxiliaryPackage || m.get(['package', 'metadata', 'cargo-fuzz']) === true) return undefined;
  if (!buildsBinary(m)) return undefined;
  return m.header(['profile', 'release']) ?? (m.isWorkspaceRoot ? m.header(['workspace']) : m.header(['package']));
}

/**
 * The package is an application: it has a `main` (src/main.rs, or a `[[bin]]` outside src/bin/),
 * and is no library published for others, whose helper binaries (test fixtures, code generators)
 * nobody deploys: no library beside it, or `publish = false`, or a service. A workspace root's member
 * binaries count when the root is virtual or unpublished; a published package at the root is judged
 * on its own (members beside a library are its benches, bindings and tools).
 */
export function buildsBinary(m: Manifest): boolean {
  if (m.isWorkspaceRoot && m.facts.memberHasBinary && (!m.isPackage || isUnpublished(m))) return true;
  if (!m.isPackage) return false;
  const bins = m.get(['bin']);
  const hasLib = m.get(['lib']) !== undefined || !!m.facts.hasLibFile;
  const declared = Array.isArray(bins) ? bins.map((b) => table(b)?.path).filter((p) => !hasLib || typeof p !== 'string' || !/(?:^|\/)src\/bin\//.test(p)) : [];
  // `autobins = false` (what `cargo publish` writes) turns off finding src/main.rs; [[bin]] lists it.
  const main = declared.length > 0 || (!!m.facts.hasMainFile && m.get(['package', 'autobins']) !== false);
  return main && (!hasLib || isUnpublished(m) || isService(m));
}

/**
 * `publish = false` or `publish = []` (no registry may have it), written in the package or taken from
 * the workspace root's `[workspace.package]` by `publish.workspace = true`.
 */
export function isUnpublished(m: Manifest): boolean {
  const own = m.get(['package', 'publish']);
  const publish = table(own)?.workspace === true ? (m.facts.workspacePublish ?? m.get(['workspace', 'package', 'publish'])) : own;
  return publish === false || (Array.isArray(publish) && publish.length === 0);
}

export function isService(m: Manifest): boolean {
  return dependsOn(m, (c) => SERVICE_CRATES.has(c));
}

/**
 * Some normal dependency (of any target, of the workspace, or of a member package the host read) is a
 * crate `is` accepts, renames seen through.
 */
function dependsOn(m: Manifest, is: (crate: string) => boolean): boolean {
  const deps = [table(m.get(['dependencies'])), table(m.get(['workspace', 'dependencies'])), ...Object.values(table(m.get(['target'])) ?? {}).map((t) => table(table(t)?.dependencies))];
  return deps.some((d) => d && Object.entries(d).some(([name, spec]) => is(dependencyCrate(name, spec)))) || (m.facts.memberDependencies ?? []).some(is);
}

/**
 * The profiles a release build ships with: `release`, and the custom ones built on it (`[profile.dist]
 * inherits = "release"`, as cargo-dist writes), whose keys are a choice made for the shipped binary.
 */
function shippingProfiles(m: Manifest): string[] {
  const profiles = table(m.get(['profile'])) ?? {};
  const out = ['release'];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, p] of Object.entries(profiles)) {
      const parent = table(p)?.inherits;
      if (!out.includes(name) && typeof parent === 'string' && out.includes(parent)) grew = !!out.push(name);
    }
  }
  return out;
}

/** The setting is missing where it counts, and fits the crate. */
export function wantsSetting(m: Manifest, s: ReleaseSetting): boolean {
  return shippingProfiles(m).every((p) => m.get(['profile', p, s.key]) === undefined) && !(m.facts.releaseKeysElsewhere ?? []).includes(s.key) && s.fits(m);
}

/**
 * A rule for one release setting. Its finding sits on the profile's header; its fixes add the key,
 * or every recommended key missing at once.
 */
export function releaseSettingRule(meta: RuleMeta, message: (hasTable: boolean) => string): CargoRule {
  const setting = RELEASE_SETTINGS.find((s) => s.rule === meta.id)!;
  return {
    ...meta,
    file: 'cargo',
    fix: {
      availability: 'sometimes',
      safety: 'unsafe',
      note: 'None where `[profile.release]` is written inline or with dotted keys, which a new table would clash with; the key changes how the release build is made and behaves.',
    },
    check(m) {
      const anchor = releaseProfileAnchor(m);
      if (!anchor || !wantsSetting(m, setting)) return [];
      return [{ ruleId: meta.id, ...anchor, message: message(!!m.header(['profile', 'release'])) }];
    },
    fixes(_finding: Finding, m: Manifest, enabled: ReadonlySet<string>) {
      const one = insertReleaseKeys(m, [setting]);
      const all = RELEASE_SETTINGS.filter((s) => (s === setting || enabled.has(s.rule)) && wantsSetting(m, s));
      const fixes: Fix[] = [];
      if (one) fixes.push({ title: `Set ${setting.key} = ${setting.value} in [profile.release]`, edits: one, safe: false, preferred: true });
      const every = all.length > 1 && insertReleaseKeys(m, all);
      if (every) fixes.push({ title: `Set the release profile the guide recommends (${all.map((s) => s.key).join(', ')})`, edits: every, safe: false });
      return fixes;
    },
  };
}

/**
 * Edits adding keys to `[profile.release]`: below its last key, or a new table at the end of the file.
 * None when the profile is written another way (inline, dotted keys) that a new table would clash with.
 */
function insertReleaseKeys(m: Manifest, settings: readonly ReleaseSetting[]): TextEdit[] | undefined {
  const eol = m.text.includes('\r\n') ? '\r\n' : '\n';
  const lines = settings.map((s) => `${s.key} = ${s.value}${eol}`).join('');
  const existing = m.table(['profile', 'release']);
  if (existing) {
    const last = existing.body[existing.body.length - 1];
    const after = last ? last.range[1] : m.text.indexOf(']', existing.key.range[1]) + 1;
    const nl = m.text.indexOf('\n', after);
    return nl < 0 ? [{ start: m.text.length, end: m.text.length, newText: eol + lines.slice(0, -eol.length) }] : [{ start: nl + 1, end: nl + 1, newText: lines }];
  }
  const profile = m.locate(['profile']);
  if (m.get(['profile', 'release']) !== undefined || (profile && profile.node.type !== 'TOMLKey')) return undefined;
  const lead = m.text.length === 0 || m.text.endsWith('\n') ? '' : eol;
  return [{ start: m.text.length, end: m.text.length, newText: `${lead}${eol}[profile.release]${eol}${lines}` }];
}
