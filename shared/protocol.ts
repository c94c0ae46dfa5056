/**
 * What the client and the server say to each other beyond LSP itself, in one module both import (as
 * vscode-eslint's shared/ and rust-analyzer's lsp_ext do): a name or a shape changed here changes
 * on both sides, or the build fails.
 */

/** The settings section the server reads (`workspace/configuration`) and the client synchronizes. */
export const SETTINGS_SECTION = 'rustPatterns';

/** Server → client: what the server is doing, for the status bar. */
export const STATUS_NOTIFICATION = 'rustPatterns/status';

export interface StatusParams {
  state: 'ready' | 'analyzing' | 'error';
  message: string;
}

/** Client → server, at `initialize`. */
export interface InitializationOptions {
  /**
   * Set by our VS Code client: it already has the snippets from package.json `contributes.snippets`,
   * so the server serves none (VS Code would list each twice).
   */
  snippetsFromPackageJson?: boolean;
  /** The browser's client: where its server fetches the parser and the rule pages. */
  browserAssets?: BrowserAssets;
  /** The `rustPatterns.*` settings, from a client that cannot answer `workspace/configuration`. */
  settings?: unknown;
}

/**
 * What a browser's server fetches from the extension's own URLs, which only the client knows: it
 * sends them as `initializationOptions.browserAssets`.
 */
export interface BrowserAssets {
  /** web-tree-sitter's runtime, `dist/tree-sitter.wasm`. */
  runtime: string;
  /** The Rust grammar, `dist/tree-sitter-rust.wasm`. */
  grammar: string;
  /** The rule pages, `docs/rules/`. */
  docsBase: string;
}
