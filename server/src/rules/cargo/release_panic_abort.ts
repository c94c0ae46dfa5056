import { guideManifest } from './docSnippets';
import { releaseSettingRule } from './releaseProfile';

const SERVICE = ['axum = "0.7"', 'tokio = { version = "1", features = ["full"] }'];

export const releasePanicAbort = releaseSettingRule(
  {
    id: 'release_panic_abort',
    severity: 'hint',
    section: 'Panic Strategies: Catching, Recovering, and Avoiding in Critical Paths',
    summary: 'A service binary that unwinds on panic while its code never catches one',
    docs: {
      what:
        'Flags the release profile of a service (a binary depending on tokio, axum, actix-web, hyper, tonic…) that does ' +
        'not set `panic`, when the crate\'s sources never rely on unwinding: no `catch_unwind`, no `CatchPanic` ' +
        'layer, no `JoinError::is_panic`. A crate that catches panics needs unwinding, and is left alone.',
      why:
        'With `panic = "abort"` a panic ends the process at once instead of unwinding the stack, which takes the ' +
        'unwinding tables and landing pads out of the binary: with `strip`, 10–15% smaller artifacts by the guide\'s ' +
        'figures, and slightly faster error paths. The orchestrator restarts the process in a known state. Mind the ' +
        'cost: a panic in one spawned task then stops the whole service instead of being reported through its ' +
        '`JoinHandle`, and `Drop` code does not run.',
      example: guideManifest({ dependencies: SERVICE }),
      instead: guideManifest({ dependencies: SERVICE, extra: ['panic = "abort"'] }),
      language: 'toml',
    },
  },
  (hasTable) => (hasTable ? 'This service unwinds on panic though no code catches one: `panic = "abort"` makes the binary smaller' : 'This service has no `[profile.release]`: no code catches a panic, so `panic = "abort"` fits'),
);
