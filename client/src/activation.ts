import * as vscode from 'vscode';
import { type BaseLanguageClient, type DocumentSelector, type LanguageClientOptions, State } from 'vscode-languageclient';
import { type InitializationOptions, SETTINGS_SECTION, STATUS_NOTIFICATION, type StatusParams } from '../../shared/protocol';

/** What differs between the desktop client and the browser's: where the server runs and what it is told. */
export interface ClientHost {
  documentSelector: DocumentSelector;
  /** Extra initialization options for the server (the browser's names the wasm URLs). */
  initializationOptions?: InitializationOptions;
  newClient(options: LanguageClientOptions): BaseLanguageClient;
}

let client: BaseLanguageClient | undefined;

/** The thin client: starts the server, shows its status, carries settings and commands. */
export async function activateClient(context: vscode.ExtensionContext, host: ClientHost): Promise<void> {
  const output = vscode.window.createOutputChannel('Rust Patterns');
  const status = vscode.window.createStatusBarItem('rustPatterns.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Rust Patterns';
  status.command = 'rustPatterns.showOutput';
  context.subscriptions.push(output, status);

  const show = (state: StatusParams['state'], message: string) => {
    const icon = { ready: '$(check)', analyzing: '$(sync~spin)', error: '$(error)' }[state];
    status.text = `${icon} Rust Patterns`;
    status.tooltip = message;
    status.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: host.documentSelector,
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: { snippetsFromPackageJson: true, ...host.initializationOptions } satisfies InitializationOptions,
    outputChannel: output,
  };

  const start = async () => {
    client = host.newClient(clientOptions);
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) show('analyzing', 'Starting the server');
      if (newState === State.Stopped) show('error', 'The server stopped; click for its output');
    });
    show('analyzing', 'Starting the server');
    await client.start();
    context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => show(p.state, p.message)));
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('rustPatterns.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('rustPatterns.restartServer', async () => {
      await client?.stop().catch((e) => output.appendLine(`stopping the server failed: ${e}`));
      await start();
    }),
  );

  try {
    await start();
  } catch (e) {
    show('error', `The server failed to start: ${e}`);
    output.appendLine(`The server failed to start: ${e instanceof Error ? e.stack : e}`);
  }
}

export async function deactivateClient(): Promise<void> {
  await client?.stop();
}
