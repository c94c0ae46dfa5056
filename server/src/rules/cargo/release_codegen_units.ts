import { guideManifest } from './docSnippets';
import { releaseSettingRule } from './releaseProfile';

export const releaseCodegenUnits = releaseSettingRule(
  {
    id: 'release_codegen_units',
    severity: 'hint',
    section: 'Compile-time optimizations enable production performance',
    summary: 'A binary crate whose release profile splits each crate into 16 code generation units',
    docs: {
      what:
        'Flags the release profile of a package that builds a binary (or of its workspace root) when it does not set ' +
        '`codegen-units`. Libraries and workspace members are left alone; an explicit value is a decision and not flagged.',
      why:
        'Cargo cuts every crate of a release build into 16 units that LLVM optimises in parallel, and cannot inline or ' +
        'optimise across them. `codegen-units = 1` lets it see the whole crate at once: the fastest code, paid for with ' +
        'a release build that no longer compiles a crate on several cores. The guide pairs it with `lto` for ' +
        'production binaries.',
      example: guideManifest({ omit: 'codegen-units' }),
      instead: guideManifest(),
      language: 'toml',
    },
  },
  (hasTable) => (hasTable ? '`[profile.release]` leaves `codegen-units` at 16: set it to 1 for the fastest binary' : 'This binary has no `[profile.release]`: `codegen-units = 1` would let LLVM optimise each crate whole'),
);
