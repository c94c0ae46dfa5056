import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { CrateModelProgress } from './platform';

/** Reports closer together than this are dropped: a build pauses every 15 ms. */
const REPORT_EVERY_MS = 250;

/**
 * LSP work-done progress (`$/progress`): VS Code shows it in its status bar, Neovim and Helix in
 * theirs; nothing is sent to a client that does not announce `window.workDoneProgress`. It begins as
 * soon as the client has made the token, and ends even when `done` comes first.
 */
export function workDoneProgress(connection: Connection, title: string): CrateModelProgress {
  let reporter: WorkDoneProgressServerReporter | undefined;
  let message: string | undefined;
  let reported = 0;
  let finished = false;
  connection.window.createWorkDoneProgress().then(
    (r) => {
      r.begin(title, undefined, message);
      if (finished) r.done();
      else reporter = r;
    },
    (error) => connection.console.error(`could not show progress: ${error instanceof Error ? error.message : error}`),
  );
  return {
    report: (m) => {
      message = m;
      if (!reporter || Date.now() - reported < REPORT_EVERY_MS) return;
      reported = Date.now();
      reporter.report(m);
    },
    done: () => {
      finished = true;
      reporter?.done();
      reporter = undefined;
    },
  };
}
