import { TomlError, parse } from 'smol-toml';
import { ALL_RULES, catalogRule } from '../rules';
import { SEVERITY_RANK, type SeveritySetting } from '../analysis/rule';

/** A problem in a configuration file, reported as one diagnostic on that file. 1-based position. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** What one file (Cargo.toml or rust-patterns.toml) says, before merging with its neighbours. */
export interface ConfigLayer {
  file: string;
  /** Rule levels from our own section (`rules = { id = "warn" }`). */
  rules: Record<string, SeveritySetting>;
  /** Gitignore-style patterns, relative to the file's directory. */
  exclude: string[];
  timeoutSeconds?: number;
  /** Cargo's `[lints.clippy]` of this package, mapped onto the rules that mirror those lints. */
  clippy: Record<string, SeveritySetting>;
  /** Cargo's `[workspace.lints.clippy]`, for the members that inherit it. */
  workspaceClippy: Record<string, SeveritySetting>;
  /** `[lints] workspace = true`: this package takes the workspace's lint levels. */
  inheritsWorkspaceLints: boolean;
  /** A Cargo.toml with `[workspace]`: the top of the project, the search for configuration stops here. */
  isWorkspaceRoot: boolean;
  /** A Cargo.toml with `[package]`. */
  isPackage: boolean;
}

export const CONFIG_FILE = 'rust-patterns.toml';
export const CARGO_FILE = 'Cargo.toml';

/** Our levels, Cargo's lint levels, and the VS Code names, to the severity they mean. */
const LEVELS: Record<string, SeveritySetting> = {
  allow: 'off',
  off: 'off',
  hint: 'hint',
  info: 'info',
  warn: 'warning',
  warning: 'warning',
  deny: 'error',
  forbid: 'error',
  error: 'error',
};
const KEYS = new Set(['rules', 'exclude', 'timeout-seconds']);

/**
 * Reads one configuration file. A file that is not valid TOML, or whose rust-patterns section holds a
 * wrong value, yields no layer (defaults apply) and one problem saying what is wrong and where; unknown
 * rule ids and keys are warnings and only that entry is skipped.
 */
export function readConfigFile(file: string, text: string): { layer?: ConfigLayer; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    const at = e instanceof TomlError ? { line: e.line, column: e.column } : { line: 1, column: 1 };
    return { problems: [{ file, ...at, severity: 'error', message: `${first}; Rust Patterns ignores this file and uses its defaults.` }] };
  }
  const at = (key: string) => locateKey(text, key);
  const warn = (key: string, message: string) => problems.push({ file, ...at(key), severity: 'warning', message });
  const fail = (key: string, message: string) => problems.push({ file, ...at(key), severity: 'error', message: `${message}; Rust Patterns ignores this file's settings and uses its defaults.` });

  const cargo = file.endsWith(CARGO_FILE);
  const workspace = table(doc.workspace);
  const pkg = table(doc.package);
  const layer: ConfigLayer = {
    file,
    rules: {},
    exclude: [],
    clippy: {},
    workspaceClippy: {},
    inheritsWorkspaceLints: false,
    isWorkspaceRoot: cargo && !!workspace,
    isPackage: cargo && !!pkg,
  };

  const sections: [string, Record<string, unknown> | undefined][] = cargo
    ? [
        ['workspace.metadata.rust-patterns', table(table(workspace?.metadata)?.['rust-patterns'])],
        ['package.metadata.rust-patterns', table(table(pkg?.metadata)?.['rust-patterns'])],
      ]
    : [['rust-patterns.toml', doc]];
  for (const [name, section] of sections) {
    if (!section) continue;
    for (const [key, value] of Object.entries(section)) {
      if (!KEYS.has(key)) {
        warn(key, `Unknown key \`${key}\` in ${name} (expected ${[...KEYS].map((k) => `\`${k}\``).join(', ')}); it is ignored.`);
      } else if (key === 'rules') {
        const rules = table(value);
        if (!rules) {
          fail(key, `\`rules\` in ${name} must be a table like \`rules = { unwrap_in_production = "allow" }\``);
          continue;
        }
        for (const [id, level] of Object.entries(rules)) {
          const severity = typeof level === 'string' ? LEVELS[level] : undefined;
          if (!severity) fail(id, `\`${id} = ${JSON.stringify(level)}\` in ${name}: the level must be one of "allow", "warn", "deny", "hint", "info"`);
          else if (!catalogRule(id)) warn(id, `Unknown rule \`${id}\` in ${name}; it is ignored (\`rust-patterns --list-rules\` lists the rules).`);
          else layer.rules[id] = severity;
        }
      } else if (key === 'exclude') {
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail(key, `\`exclude\` in ${name} must be an array of glob strings like \`["generated/**"]\``);
        else layer.exclude.push(...value);
      } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
        fail(key, `\`timeout-seconds\` in ${name} must be a number of seconds, at least 1`);
      } else {
        layer.timeoutSeconds = value;
      }
    }
  }

  if (cargo) {
    const lints = table(doc.lints);
    layer.inheritsWorkspaceLints = lints?.workspace === true;
    readClippyLevels(table(lints?.clippy), layer.clippy);
    readClippyLevels(table(table(workspace?.lints)?.clippy), layer.workspaceClippy);
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return { layer, problems };
}

/** Every rule mirroring a clippy lint, by lint name: the mapping `[lints.clippy]` goes through. */
export function rulesByClippyLint(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const rule of ALL_RULES) {
    for (const lint of rule.clippy ?? []) map.set(lint, [...(map.get(lint) ?? []), rule.id]);
  }
  return map;
}

/**
 * `unwrap_used = "deny"` or `{ level = "deny", priority = 1 }`. A rule mirroring several lints takes
 * the most severe level among those configured, so allowing one lint never hides what another denies.
 * Lint groups (`all`, `pedantic`…) are not expanded: only lints named one by one count.
 */
function readClippyLevels(lints: Record<string, unknown> | undefined, out: Record<string, SeveritySetting>): void {
  if (!lints) return;
  const byLint = rulesByClippyLint();
  for (const [name, value] of Object.entries(lints)) {
    const raw = typeof value === 'string' ? value : table(value)?.level;
    const severity = typeof raw === 'string' ? LEVELS[raw] : undefined;
    if (!severity || raw === 'hint' || raw === 'info') continue; // Cargo's own validation reports these.
    for (const id of byLint.get(name.replace(/-/g, '_')) ?? []) {
      const prev = out[id];
      if (!prev || SEVERITY_RANK[severity] > SEVERITY_RANK[prev]) out[id] = severity;
    }
  }
}

export function table(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Record<string, unknown>) : undefined;
}

/** Where a key is written (bare or quoted, before `=`), for pointing a problem at its line. */
function locateKey(text: string, key: string): { line: number; column: number } {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(^|[\\s{,.])("?)${escaped}\\2\\s*=`, 'm').exec(text);
  if (!m) return { line: 1, column: 1 };
  const offset = m.index + m[1].length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
