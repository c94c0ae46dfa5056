import { type ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
  type ProgressToken,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

/** A real LSP client over stdio against the bundled server, for protocol tests and benchmarks. */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private notificationListeners: ((method: string, params: unknown) => void)[] = [];
  private progressListeners: ((value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd, token: ProgressToken) => void)[] = [];

  private constructor(readonly process: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (d) => this.stderr.push(String(d)));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onUnhandledNotification((n) => this.notificationListeners.forEach((l) => l(n.method, n.params)));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', ({ token }: { token: ProgressToken }) => {
      this.connection.onProgress(WorkDoneProgress.type, token, (value) => this.progressListeners.forEach((l) => l(value, token)));
      return null;
    });
    this.connection.listen();
  }

  settings: unknown = {};
  /** What the server announced in its initialize result. */
  serverCapabilities: ServerCapabilities = {};

  /**
   * `nodeArgs` go to the server's node (the benchmark profiles it with `--cpu-prof`); `server` is
   * another server script than the repository's bundle (an installed package's); `command` is
   * another language server altogether (the benchmark's rust-analyzer).
   */
  static async start(options: { rootUri?: string; settings?: unknown; capabilities?: InitializeParams['capabilities']; initializationOptions?: unknown; nodeArgs?: string[]; server?: string; command?: { file: string; args: string[]; env?: NodeJS.ProcessEnv; cwd?: string } } = {}): Promise<LspClient> {
    const { file, args, env, cwd } = options.command ?? { file: process.execPath, args: [...(options.nodeArgs ?? []), options.server ?? SERVER, '--stdio'] };
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env, cwd });
    const client = new LspClient(child);
    if (options.settings) client.settings = options.settings;
    const init: InitializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'ws' }] : null,
      capabilities: options.capabilities ?? { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: options.initializationOptions,
    } satisfies InitializeParams);
    client.serverCapabilities = init.capabilities;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  onNotification(listener: (method: string, params: unknown) => void): void {
    this.notificationListeners.push(listener);
  }

  /** Hears each `$/progress` (a client that announces `window.workDoneProgress` gets them), with its token. */
  onProgress(listener: (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd, token: ProgressToken) => void): void {
    this.progressListeners.push(listener);
  }

  /** Resolves at the next `$/progress` whose value satisfies `test`. */
  waitForProgress(test: (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const listener = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
        if (!test(value)) return;
        done();
        resolve();
      };
      const done = () => {
        clearTimeout(timer);
        this.progressListeners = this.progressListeners.filter((l) => l !== listener);
      };
      const timer = setTimeout(() => (done(), reject(new Error(`no matching progress within ${timeoutMs} ms`))), timeoutMs);
      this.onProgress(listener);
    });
  }

  /** Resolves with the first publication for `uri` that reflects at least `version`. */
  diagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (p) => version === undefined || (p.version ?? -1) >= version, timeoutMs);
  }

  /** Waits for a publication for `uri` that satisfies `test` (the latest one counts if it does). */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const have = this.latest.get(uri);
    if (have && test(have)) return Promise.resolve(have.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ test: (p) => p.uri === uri && test(p), resolve: (p) => (clearTimeout(timer), resolve(p.diagnostics)) });
    });
  }

  open(uri: string, text: string, version = 1, languageId = 'rust'): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** The code actions the server offers for one of its diagnostics, filtered by `only` kinds. */
  codeActions(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only },
    }) as Promise<CodeAction[]>;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/**
 * A fresh server for each test of the enclosing `describe`, started with `options` and stopped
 * after the test: call the returned function for the running test's client.
 */
export function serverPerTest(options: Parameters<typeof LspClient.start>[0]): () => LspClient {
  let client: LspClient | undefined;
  beforeEach(async () => {
    client = await LspClient.start(options);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  return () => {
    if (!client) throw new Error('no server: serverPerTest gives one only while a test runs');
    return client;
  };
}

/** `text` with the edits of a code action (one document change, as the server sends) applied. */
export function applyAction(uri: string, text: string, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0];
  if (!change || !('edits' in change)) throw new Error(`action "${action.title}" carries no text edits`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'rust', 1, text), change.edits);
}
