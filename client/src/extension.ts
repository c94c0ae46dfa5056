import * as path from 'path';
import type * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateClient, deactivateClient } from './activation';

/** Desktop VS Code: the bundled server in a Node process of its own, over IPC. */
export function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return activateClient(context, {
    // Rust sources, and the Cargo.toml files and Dockerfiles the file rules read (by name: few
    // editors give TOML or Dockerfiles a language id of their own without another extension).
    documentSelector: [
      { scheme: 'file', language: 'rust' },
      { scheme: 'untitled', language: 'rust' },
      { scheme: 'file', pattern: '**/Cargo.toml' },
      { scheme: 'file', pattern: '**/{Dockerfile,Dockerfile.*,Containerfile,Containerfile.*,*.Dockerfile,*.dockerfile,*.Containerfile,*.containerfile}' },
      { scheme: 'file', language: 'dockerfile' },
    ],
    newClient: (clientOptions) => new LanguageClient('rustPatterns', 'Rust Patterns', serverOptions, clientOptions),
  });
}

export const deactivate = deactivateClient;
