import * as fs from 'fs';
import ignore from 'ignore';
import * as path from 'path';
import { CARGO_FILE, CONFIG_FILE, type ConfigLayer, type ConfigProblem, readConfigFile } from './configFile';
import type { ProjectConfig } from './effectiveSeverity';

/**
 * Finds and merges the configuration for files, caching per directory. Walking up from a file's
 * directory, each directory may hold a Cargo.toml and a rust-patterns.toml; the walk stops at the
 * Cargo workspace root (a Cargo.toml with `[workspace]`), at a repository root (`.git`) or at `/`.
 * Precedence, lowest first: rule defaults; the package's clippy lint levels (`[lints.clippy]`, or
 * the workspace's with `lints.workspace = true`); then, from the farthest directory to the nearest,
 * Cargo.toml metadata (`workspace.metadata` then `package.metadata`) and rust-patterns.toml beside it.
 */
export class ProjectConfigs {
  private readonly byDir = new Map<string, ProjectConfig>();
  private readonly files = new Map<string, { layer?: ConfigLayer; problems: ConfigProblem[] } | null>();

  forFile(file: string): ProjectConfig {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  /** True when an `exclude` pattern of the file's configuration matches it. */
  isExcluded(file: string, config = this.forFile(file)): boolean {
    const abs = path.resolve(file);
    return config.exclude.some(({ base, patterns }) => {
      const rel = path.relative(base, abs);
      return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel) && patterns.ignores(rel.split(path.sep).join('/'));
    });
  }

  /** Forgets everything read (a configuration file changed on disk). */
  clear(): void {
    this.byDir.clear();
    this.files.clear();
  }

  private forDir(dir: string): ProjectConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const chain: { dir: string; cargo?: ConfigLayer; own?: ConfigLayer }[] = [];
    const problems: ConfigProblem[] = [];
    const files: string[] = [];
    for (let d = dir; ; ) {
      const cargo = this.read(path.join(d, CARGO_FILE));
      const own = this.read(path.join(d, CONFIG_FILE));
      for (const [f, r] of [[path.join(d, CARGO_FILE), cargo], [path.join(d, CONFIG_FILE), own]] as const) {
        if (!r) continue;
        files.unshift(f);
        problems.push(...r.problems);
      }
      chain.unshift({ dir: d, cargo: cargo?.layer, own: own?.layer });
      const parent = path.dirname(d);
      if (cargo?.layer?.isWorkspaceRoot || parent === d || fs.existsSync(path.join(d, '.git'))) break;
      d = parent;
    }

    const config: ProjectConfig = { rules: {}, files, problems, exclude: [] };
    // Clippy levels come from the nearest package only: Cargo's lints are per package.
    const pkg = [...chain].reverse().find((c) => c.cargo?.isPackage)?.cargo;
    const root = chain.find((c) => c.cargo?.isWorkspaceRoot)?.cargo;
    Object.assign(config.rules, pkg?.inheritsWorkspaceLints ? root?.workspaceClippy : pkg?.clippy);
    for (const { dir: d, cargo, own } of chain) {
      for (const layer of [cargo, own]) {
        if (!layer) continue;
        Object.assign(config.rules, layer.rules);
        if (layer.timeoutSeconds !== undefined) config.timeoutSeconds = layer.timeoutSeconds;
        if (layer.exclude.length) config.exclude.push({ base: d, patterns: ignore().add(layer.exclude) });
      }
    }
    this.byDir.set(dir, config);
    return config;
  }

  private read(file: string): { layer?: ConfigLayer; problems: ConfigProblem[] } | null {
    if (this.files.has(file)) return this.files.get(file)!;
    let result: { layer?: ConfigLayer; problems: ConfigProblem[] } | null = null;
    try {
      result = readConfigFile(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        result = { problems: [{ file, line: 1, column: 1, severity: 'error', message: `Cannot read this file (${code ?? e}); Rust Patterns uses its defaults.` }] };
      }
    }
    this.files.set(file, result);
    return result;
  }
}
