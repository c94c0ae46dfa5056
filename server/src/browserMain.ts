import { BrowserMessageReader, BrowserMessageWriter, ErrorCodes, ProposedFeatures, ResponseError, createConnection } from 'vscode-languageserver/browser';
import { loadBrowserParserHeap } from './analysis/browserParser';
import type { InitializationOptions } from '../../shared/protocol';
import { startServer } from './protocol/server';

/** The few members of a Web Worker's global scope used here (the project compiles without the DOM's types). */
declare const self: {
  onmessage: ((event: { data: unknown }) => void) | null;
  dispatchEvent(event: unknown): boolean;
};
declare const MessageEvent: new (type: 'message', init: { data: unknown }) => unknown;

/**
 * The server in a browser's Web Worker (vscode.dev, github.dev). The wasm URLs come with the
 * client's first message, `initialize`: the messages are held until the parser is loaded from
 * them, then handed to the connection in the order they came.
 */
const held: unknown[] = [];
self.onmessage = ({ data }) => {
  held.push(data);
  if (held.length === 1) void start(data);
};

async function start(initialize: unknown): Promise<void> {
  const assets = (initialize as { params?: { initializationOptions?: InitializationOptions } }).params?.initializationOptions?.browserAssets;
  const loaded = await (assets ? loadBrowserParserHeap(assets) : Promise.reject(new Error('initializationOptions.browserAssets is missing'))).then(
    (heap) => ({ heap }),
    (e: unknown) => ({ error: `rust-patterns: cannot load the tree-sitter grammar: ${e instanceof Error ? e.message : e}` }),
  );
  // From here on the reader has `onmessage`: the held messages go to it once the connection listens.
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
  if ('heap' in loaded) {
    startServer(connection, { heap: loaded.heap, docsBase: assets?.docsBase });
  } else {
    connection.onInitialize(() => new ResponseError(ErrorCodes.InternalError, loaded.error));
    connection.listen();
  }
  for (const data of held) self.dispatchEvent(new MessageEvent('message', { data }));
}
