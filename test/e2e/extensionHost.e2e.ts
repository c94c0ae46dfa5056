import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser } from './support/browser';
import { EXTENSION_ID, REPO, VSIX, startCodeServer } from './support/codeServer';
import { artifactsDir, copyTestWorkspace } from './support/workspace';

/** The compiled entry of the suites that run inside the extension host (test/e2e/extension-host/). */
const TESTS = path.join(REPO, 'out/test/e2e/extension-host/index.js');

/**
 * Runs the extension-host suites one of two ways, from the same files:
 * - with @vscode/test-electron's runTests when VSCODE_EXECUTABLE names a desktop VS Code, or
 *   RP_E2E_VSCODE=download lets it download one (these machines cannot: no route to Microsoft);
 * - otherwise in code-server's workbench in Debian's chromium, which reports the result through
 *   window.codeAutomationExit, exactly as VS Code's own web integration tests do. There the
 *   extension under test is the packaged .vsix, unpacked by code-server's own install: what users
 *   get, and safe from a dist/ rebuilt while the suite runs.
 */
describe('e2e: extension-host suites in a real VS Code', function () {
  this.timeout(300_000);

  it('pass', async () => {
    const workspace = copyTestWorkspace();
    try {
      if (process.env.VSCODE_EXECUTABLE || process.env.RP_E2E_VSCODE === 'download') await runInDesktopVsCode(workspace);
      else await runInCodeServer(workspace);
    } finally {
      fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    }
  });
});

async function runInDesktopVsCode(workspace: string): Promise<void> {
  const { runTests } = await import('@vscode/test-electron');
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    cachePath: path.join(REPO, '.e2e-cache/vscode'), // a downloaded VS Code stays in the ignored cache
    extensionDevelopmentPath: REPO,
    extensionTestsPath: TESTS,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

async function runInCodeServer(workspace: string): Promise<void> {
  const artifacts = artifactsDir('extension-host');
  const report = path.join(artifacts, 'report.txt');
  assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run npm run package`);
  const server = await startCodeServer({ vsix: VSIX, env: { RP_E2E_REPORT: report } });
  const browser = await launchBrowser();
  const log: string[] = [];
  try {
    const exit = new Promise<number>((resolve) => {
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await browser.page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      log.push(`[${type}] ${Array.isArray(args) ? args.join(' ') : String(args)}`);
    });
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(server.installed(EXTENSION_ID))],
      ['extensionTestsPath', server.remoteUri(TESTS)],
    ];
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no codeAutomationExit within 240 s')), 240_000)));
    const code = await Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
    fs.writeFileSync(path.join(artifacts, 'console.log'), [...browser.console, ...log].join('\n'));
    process.stdout.write(indent(fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '(the extension host wrote no report)\n'));
    assert.strictEqual(code, 0, `the extension-host suites failed (exit ${code}); page console in test-artifacts/extension-host/console.log`);
  } catch (e) {
    await browser.page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => undefined);
    fs.writeFileSync(path.join(artifacts, 'code-server.log'), server.output.join(''));
    throw e;
  } finally {
    await browser.close();
    await server.stop();
  }
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '    ');
}
