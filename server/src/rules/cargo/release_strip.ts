import { guideManifest } from './docSnippets';
import { releaseSettingRule } from './releaseProfile';

export const releaseStrip = releaseSettingRule(
  {
    id: 'release_strip',
    severity: 'hint',
    section: 'Compile-time optimizations enable production performance',
    summary: 'A binary crate that ships its symbols: the release profile does not set `strip`',
    docs: {
      what:
        'Flags the release profile of a package that builds a binary (or of its workspace root) when it sets neither ' +
        '`strip` nor debug info. A profile asking for `debug` in release wants symbols (for profiling or backtraces) ' +
        'and is left alone, as are libraries, workspace members, and crates reporting backtraces to a crash service ' +
        '(sentry, backtrace, color-eyre), which need the symbol names.',
      why:
        'A release binary still carries the symbol tables of everything linked into it. The guide counts stripping, ' +
        'together with `panic = "abort"`, for 10–15% smaller deployment artifacts: smaller images, faster pulls and ' +
        'cold starts. Nothing running in production reads those symbols.',
      example: guideManifest({ omit: 'strip' }),
      instead: guideManifest(),
      language: 'toml',
    },
  },
  (hasTable) => (hasTable ? '`[profile.release]` does not set `strip`: the shipped binary keeps its symbols' : 'This binary has no `[profile.release]`: `strip = true` would drop the symbols it ships'),
);
