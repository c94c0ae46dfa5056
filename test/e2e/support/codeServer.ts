import { type ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '../../../..');
/** Built by `npm run package`: what users install, and what the VS Code suites here run. */
export const VSIX = path.join(REPO, 'dist/rust-patterns.vsix');
export const EXTENSION_ID = 'rust-patterns.rust-patterns';
/** Installed by scripts/setup-e2e.sh. */
export const CODE_SERVER = path.join(REPO, '.e2e-cache/code-server-4.100.3/node_modules/code-server/out/node/entry.js');

/** Settings every e2e workbench starts with: nothing may open, ask, or phone home by itself. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'editor.quickSuggestionsDelay': 0,
} as const;

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** The `settings.json` the workbench watches: rewrite it to change settings live. */
  readonly settingsFile: string;
  /** Where extensions are installed: the path of every process our installed extension starts. */
  readonly extensionsDir: string;
  readonly output: string[];
  /** The folder an installed extension was unpacked into. */
  installed(extensionId: string): string;
  /** `vscode-remote://` form of an absolute path, as the workbench's URL payload wants it. */
  remoteUri(absolutePath: string): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** A .vsix to install before the workbench starts. */
  vsix?: string;
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and the extension hosts it starts. */
  env?: Record<string, string>;
}

/**
 * Starts code-server isolated from the machine: its own config, user data, extensions and temp
 * folders under one fresh temp folder, no auth, a free loopback port.
 */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run scripts/setup-e2e.sh (looked for ${CODE_SERVER})`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-code-server-'));
  const dir = (name: string) => {
    const p = path.join(root, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = dir('user-data');
  const extensions = dir('extensions');
  const settingsFile = path.join(dir('user-data/User'), 'settings.json');
  fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const config = path.join(root, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: dir('xdg-config'), XDG_DATA_HOME: dir('xdg-data'), XDG_CACHE_HOME: dir('xdg-cache'), TMPDIR: dir('tmp'), ...options.env };
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

  if (options.vsix) {
    const install = spawnSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', options.vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    if (install.status !== 0) throw new Error(`installing ${options.vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${url}/healthz`, child, 60_000);
  } catch (e) {
    await kill(child);
    throw new Error(`${(e as Error).message}\ncode-server said:\n${output.join('')}`);
  }
  return {
    url,
    port,
    settingsFile,
    extensionsDir: extensions,
    output,
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
    installed(extensionId) {
      const folder = fs.readdirSync(extensions).find((d) => d.toLowerCase().startsWith(`${extensionId.toLowerCase()}-`));
      if (!folder) throw new Error(`${extensionId} is not installed in ${extensions}`);
      return path.join(extensions, folder);
    },
    async stop() {
      await kill(child);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      http.get(url, (res) => (res.resume(), resolve(res.statusCode === 200))).on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}

/** Ends code-server and everything it started (extension hosts, our language server). */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
