import { guideManifest } from './docSnippets';
import { releaseSettingRule } from './releaseProfile';

export const releaseLto = releaseSettingRule(
  {
    id: 'release_lto',
    severity: 'info',
    section: 'Compile-time optimizations enable production performance',
    summary: 'A binary crate whose release profile leaves link-time optimisation off',
    docs: {
      what:
        'Flags the release profile of a package that builds a binary (or of the workspace root above such packages) ' +
        'when it does not set `lto`. Libraries are left alone, and so are workspace members: Cargo only reads profiles ' +
        'at the workspace root. An explicit `lto = false` is taken as a decision and not flagged, and so is `lto` set in a ' +
        'custom profile built on release (`[profile.dist] inherits = "release"`), which is the one shipped.',
      why:
        'Without `lto`, each crate is optimised on its own and nothing is inlined across crate boundaries. The guide ' +
        'puts the gain of link-time optimisation at 5–15% of run time, from cross-crate inlining and removing dead code. ' +
        '`lto = "thin"` gets most of it for a modest build cost; `lto = "fat"` (or `true`) optimises hardest and ' +
        'makes release builds 2–5 times slower.',
      example: guideManifest({ omit: 'lto' }),
      instead: guideManifest(),
      language: 'toml',
    },
  },
  (hasTable) => (hasTable ? '`[profile.release]` does not set `lto`: the shipped binary gets no cross-crate inlining' : 'This binary has no `[profile.release]`, so no link-time optimisation: set `lto = "thin"`'),
);
