// The entry VS Code loads as `extensionTestsPath` (the @vscode/test-electron convention): runs every
// `*.suite.js` beside it with mocha, inside the extension host, and rejects when a test fails.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as util from 'util';

export function run(): Promise<void> {
  teeReport(process.env.RP_E2E_REPORT);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env.RP_E2E_GREP;
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.suite.js')).sort()) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}

/** In a web workbench the extension host's console reaches only the page: copy the report to a file too. */
function teeReport(file: string | undefined): void {
  if (!file) return;
  const log = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    fs.appendFileSync(file, `${util.format(...args)}\n`);
    log(...args);
  };
}
