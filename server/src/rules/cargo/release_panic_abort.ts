import { guideManifest } from './docSnippets';
import { releaseSettingRule } from './releaseProfile';

/** A worker that awaits one job after another: no framework or spawned task keeps a panic in. */
const WORKER = ['tokio = { version = "1", features = ["rt-multi-thread", "macros"] }'];

export const releasePanicAbort = releaseSettingRule(
  {
    id: 'release_panic_abort',
    severity: 'hint',
    section: 'Panic Strategies: Catching, Recovering, and Avoiding in Critical Paths',
    summary: 'An async binary that unwinds on panic though nothing in it catches a panic or keeps one inside a task',
    docs: {
      what:
        'Flags the release profile of an async binary (one depending on tokio, async-std or actix-rt) that does not ' +
        'set `panic`, when nothing in it relies on unwinding: its sources neither catch a panic (`catch_unwind`, ' +
        '`CatchPanic`, `JoinError::is_panic`) nor spawn tasks, and it is no server built on a framework (axum, ' +
        'actix-web, hyper, tonic, warp, rocket…). Those keep a panic inside the request or task it happened in, by ' +
        'unwinding; with abort one bad request would stop the whole service, so they are left alone.',
      why:
        'With `panic = "abort"` a panic ends the process at once instead of unwinding the stack, which takes the ' +
        'unwinding tables and landing pads out of the binary: with `strip`, 10–15% smaller artifacts by the guide\'s ' +
        'figures, and slightly faster error paths. The orchestrator restarts the process in a known state. Mind the ' +
        'cost: `Drop` code no longer runs on a panic, and a task spawned later would take the process down with it.',
      example: guideManifest({ dependencies: WORKER }),
      instead: guideManifest({ dependencies: WORKER, extra: ['panic = "abort"'] }),
      language: 'toml',
    },
  },
  (hasTable) => (hasTable ? 'This binary unwinds on panic though nothing catches one or keeps it in a task: `panic = "abort"` makes it smaller' : 'This binary has no `[profile.release]`: nothing catches a panic or keeps it in a task, so `panic = "abort"` fits'),
);
