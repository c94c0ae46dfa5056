import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { type Browser, launchBrowser } from './support/browser';
import { type CodeServer, EXTENSION_ID, VSIX, startCodeServer } from './support/codeServer';
import { Workbench } from './support/workbench';
import { artifactsDir, copyTestWorkspace } from './support/workspace';

/** A finding with a quick fix, written into the workspace copy. */
const SORT_RS = `pub fn ranked(mut scores: Vec<u64>) -> Vec<u64> {
    scores.sort();
    scores
}
`;

/**
 * The web extension as vscode.dev and github.dev run it: code-server's workbench in Debian's
 * chromium, the packaged .vsix installed and made web-only by the `remote.extensionKind` setting, so
 * the workbench runs it in its web worker extension host. The client runs in that worker and
 * the server in a Web Worker of its own; no Node process serves it. Screenshots: test-artifacts/web/.
 */
describe('e2e: the web extension in a browser-hosted VS Code', function () {
  this.timeout(90_000);
  let server: CodeServer;
  let browser: Browser;
  let wb: Workbench;
  let workspace: string;
  let artifacts: string;

  before(async function () {
    this.timeout(180_000);
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run npm run package`);
    artifacts = artifactsDir('web');
    workspace = copyTestWorkspace();
    fs.writeFileSync(path.join(workspace, 'src/e2e_web_sort.rs'), SORT_RS);
    // What a user sets to run an extension in the browser's extension host (a manifest's extensionKind the workbench does not read here).
    server = await startCodeServer({ vsix: VSIX, settings: { 'editor.hover.delay': 200, 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } });
    browser = await launchBrowser();
    wb = new Workbench(browser.page, artifacts);
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await wb.ready();
  });

  afterEach(async function () {
    const title = this.currentTest?.title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 60) ?? 'step';
    await wb?.screenshot(`${title}${this.currentTest?.state === 'failed' ? '-FAILED' : ''}`).catch(() => undefined);
    await browser?.page.keyboard.press('Escape').catch(() => undefined);
  });

  after(async () => {
    if (browser) fs.writeFileSync(path.join(artifacts, 'console.log'), browser.console.join('\n'));
    if (server) fs.writeFileSync(path.join(artifacts, 'code-server.log'), server.output.join(''));
    await browser?.close();
    await server?.stop();
    if (workspace) fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  });

  it('runs in the web worker extension host, its server in the browser: ready, single-file, no Node server', async () => {
    await wb.open('src/main.rs');
    const item = wb.statusItem('Rust Patterns');
    await item.locator('.codicon-check').waitFor({ timeout: 60_000 });
    await item.hover();
    // Only the browser's server says this: the Node one reads the project's files.
    await browser.page.getByText('each on its own', { exact: false }).first().waitFor();
    const extension = server.installed(EXTENSION_ID);
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    assert.ok(!ps.includes(path.join(extension, 'dist')), `a Node process runs the extension's bundles:\n${ps}`);
  });

  it('squiggles the unwrap in main.rs', async () => {
    await browser.page.mouse.move(5, 500);
    await wb.open('src/main.rs');
    const squiggles = await wb.squigglesWhere('the unwrap squiggle', (s) => s.some((x) => x.line.includes('std::env::var("PORT").unwrap()')));
    // A hint: the browser reads no Cargo.toml, so test-workspace's unwrap_used = "warn" does not apply there.
    const unwrap = squiggles.filter((s) => s.line.includes('std::env::var("PORT").unwrap()'));
    assert.ok(unwrap.length && unwrap.every((s) => s.kind === 'hint'), JSON.stringify(squiggles));
  });

  it('explains the finding when the mouse hovers the squiggle', async () => {
    await wb.open('src/main.rs');
    const at = await wb.squiggleCenter('std::env::var("PORT").unwrap()');
    await browser.page.mouse.move(at.x, at.y);
    const hover = browser.page.locator('.monaco-hover:not(.hidden)', { hasText: 'Why this hurts' }).first();
    await hover.waitFor();
    assert.match(await hover.innerText(), /unwrap_in_production/);
    await wb.screenshot('hover');
  });

  it('lightbulb on .sort(): "sort_unstable" is applied and the squiggle goes', async () => {
    await browser.page.mouse.move(5, 500);
    await wb.open('src/e2e_web_sort.rs');
    await wb.squigglesWhere('a squiggle on scores.sort()', (s) => s.some((x) => x.line.includes('scores.sort();')));
    await wb.goTo('sort', SORT_RS, { delta: 1 });
    const menu = await wb.quickFixMenu();
    await wb.screenshot('quick-fix');
    await wb.pickQuickFix(menu, /sort_unstable/);
    await wb.squigglesWhere('no squiggle left on the fixed line', (s) => !s.some((x) => x.line.includes('scores.sort')));
    assert.match(await wb.visibleText(), /scores\.sort_unstable\(\);/);
  });
});
