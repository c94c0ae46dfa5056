import type { OtherFileFacts } from '../analysis/otherFiles';
import type { ParserHeap } from '../analysis/parsing';
import type { ProjectConfigs } from '../config/projectConfig';
import type { FileKind } from '../rules/fileRule';

/**
 * What the one server takes from the host it runs in: Node (desktop VS Code over IPC, any editor
 * over stdio) or a browser's Web Worker (vscode.dev, github.dev). The engine is the same in both.
 */
export interface ServerPlatform {
  /** The parser, its wasm loaded from wherever the host keeps it. */
  heap: ParserHeap;
  /** Where the host keeps the rule pages (a URL ending in `/`), for the hover's and diagnostics' links. */
  docsBase?: string;
  /**
   * Reads the project's Cargo.toml and rust-patterns.toml beside a document on disk. Absent where
   * there is no file system: each file is then analysed on its own with the editor's settings.
   */
  projectConfigs?: ProjectConfigs;
  /**
   * Reads what the Cargo.toml and Dockerfile rules need beside a file on disk (`config/fileFacts`).
   * Absent where there is no file system: the rules needing those facts stay silent.
   */
  otherFileFacts?: (kind: FileKind, file: string, displayPath: string) => OtherFileFacts;
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
