import * as os from 'os';
import { parseArgs } from 'util';
import { catalogRule } from '../../server/src/rules';
import type { Severity } from '../../server/src/analysis/rule';
import { DEFAULT_CACHE_DIR } from './cache';

export type Format = 'text' | 'json' | 'sarif';
/** `none` never fails the run on findings (for reports that must not break a build). */
export type DenyLevel = Severity | 'none';

export type Command =
  | { kind: 'check'; paths: string[]; format: Format; fix: boolean; deny: DenyLevel; jobs: number; rules?: string[]; cacheDir?: string }
  | { kind: 'list-rules'; format: Format }
  | { kind: 'explain'; id: string }
  | { kind: 'help' }
  | { kind: 'version' };

/** A mistake on the command line: printed on one line with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  rust-patterns check [PATHS…] [options]   lint .rs files (directories are walked; default: .)
  rust-patterns --list-rules [--format json]
                                           list every rule, its default level and clippy lints
  rust-patterns --explain <rule>           explain one rule (the editor's hover text)

Options of check:
  --format text|json|sarif   report format (default: text)
  --fix                      apply the safe fixes in place, then report what is left
  --deny <level>             exit 1 when a finding is at or above error|warning|info|hint,
                             or never with none (default: error)
  --rule <id>                check only this rule (repeatable, or comma-separated)
  -j, --jobs <n>             worker threads (default: one per core)

Global options:
  -h, --help                 print this help
  --version                  print the version

Exit codes: 0 no finding at or above --deny; 1 some; 2 a usage error, or a path or file that could not be read.
Configuration: Cargo.toml [package.metadata.rust-patterns] / [workspace.metadata.rust-patterns],
rust-patterns.toml, and Cargo's [lints.clippy] for the rules mirroring a clippy lint;
every key is in docs/configuration.md (shipped in the package).`;

/** What a usage error prints after its one line. */
export const USAGE_HINT = 'Run `rust-patterns --help` for usage.';

const LEVEL_ALIASES: Record<string, DenyLevel> = { error: 'error', warning: 'warning', warn: 'warning', info: 'info', hint: 'hint', none: 'none' };

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        fix: { type: 'boolean' },
        deny: { type: 'string' },
        rule: { type: 'string', multiple: true },
        jobs: { type: 'string', short: 'j' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        explain: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    // Node's message goes on about `--` for positionals that start with a dash: its first sentence is the mistake.
    throw new UsageError((e instanceof Error ? e.message : String(e)).replace(/\. To specify a positional argument[\s\S]*$/, ''));
  }
  const { values: v, positionals } = parsed;
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  if (v.explain !== undefined) {
    if (!catalogRule(v.explain)) throw new UsageError(`no rule "${v.explain}" (rust-patterns --list-rules lists them)`);
    return { kind: 'explain', id: v.explain };
  }
  if (v['list-rules']) return { kind: 'list-rules', format };

  const [command, ...paths] = positionals;
  if (command !== 'check') throw new UsageError(command === undefined ? 'missing command: rust-patterns check [PATHS…]' : `unknown command "${command}"; did you mean "rust-patterns check ${command}"?`);
  const deny = LEVEL_ALIASES[v.deny ?? 'error'];
  if (!deny) throw new UsageError(`--deny must be error, warning, info, hint or none, not "${v.deny}"`);
  const jobs = v.jobs === undefined ? Math.max(1, os.availableParallelism()) : Number(v.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, not "${v.jobs}"`);
  const rules = v.rule?.flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  for (const id of rules ?? []) if (!catalogRule(id)) throw new UsageError(`no rule "${id}" (rust-patterns --list-rules lists them)`);
  if (v['cache-dir'] === '') throw new UsageError('--cache-dir needs a directory');
  // --fix rewrites files: it always analyses them afresh.
  const cacheDir = v['no-cache'] || v.fix ? undefined : (v['cache-dir'] ?? DEFAULT_CACHE_DIR);
  return { kind: 'check', paths: paths.length ? paths : ['.'], format, fix: !!v.fix, deny, jobs, rules, cacheDir };
}
