import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import type { BrowserAssets } from '../../shared/protocol';
import { activateClient, deactivateClient } from './activation';

type ServerWorker = ConstructorParameters<typeof LanguageClient>[3];
/** The web extension host's Worker (the project compiles without the DOM's values). */
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

let worker: ServerWorker | undefined;

/**
 * vscode.dev, github.dev and other browser-hosted workbenches: the same server in a Web Worker,
 * fetching its wasm from the extension's own URLs. There is no file system to find a project's
 * configuration in: each Rust file, whatever its scheme, is analysed on its own.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const [runtime, grammar, docs, server] = await Promise.all(
    [['dist', 'tree-sitter.wasm'], ['dist', 'tree-sitter-rust.wasm'], ['docs', 'rules', 'unwrap_in_production.md'], ['dist', 'browser', 'server.js']].map((p) => browserUrl(vscode.Uri.joinPath(context.extensionUri, ...p))),
  );
  // The pages' base is the folder of one of them: a folder itself has no URL to ask for.
  const browserAssets: BrowserAssets = { runtime, grammar, docsBase: docs.slice(0, docs.lastIndexOf('/') + 1) };
  return activateClient(context, {
    documentSelector: [{ language: 'rust' }],
    initializationOptions: { browserAssets },
    newClient: (clientOptions) => {
      // A stopped browser server does not end its worker: a restart ends the old one.
      worker?.terminate();
      worker = new Worker(server, { name: 'Rust Patterns server' });
      return new LanguageClient('rustPatterns', 'Rust Patterns', clientOptions, worker);
    },
  });
}

/**
 * Where a browser fetches `uri`. An extension's files can sit behind a scheme of the workbench's
 * own (vscode-remote: in code-server): the extension host's fetch maps those to the URL it serves
 * them at, a Web Worker's fetch does not, so the server is handed that URL.
 */
async function browserUrl(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'https' || uri.scheme === 'http') return uri.toString(true);
  return (await fetch(uri.toString(true), { method: 'HEAD' })).url;
}

export async function deactivate(): Promise<void> {
  await deactivateClient();
  worker?.terminate();
}
