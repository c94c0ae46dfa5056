import type { OtherFileFacts } from '../analysis/otherFiles';
import type { ParserHeap } from '../analysis/parsing';
import type { ProjectConfigs } from '../config/projectConfig';
import type { CrateFacts } from '../analysis/crateFacts';
import type { FileKind } from '../analysis/fileRule';
import type { PackageModels } from '../config/fileFacts';
import type { CrateModel } from '../crate/model';

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
   * Starts the crate models of the documents' Cargo packages (read from disk and open documents).
   * Absent where there is no file system: each file is then judged on its own.
   */
  crates?: (hooks: CrateModelHooks) => CrateModelHost;
  /**
   * Reads what the Cargo.toml and Dockerfile rules need beside a file on disk (`config/fileFacts`).
   * Absent where there is no file system: the rules needing those facts stay silent.
   */
  otherFileFacts?: (kind: FileKind, file: string, models: PackageModels) => OtherFileFacts;
}

/** What the crate models ask of the server. */
export interface CrateModelHooks {
  /** An open document's text, which wins over the disk's. */
  openText(uri: string): string | undefined;
  /** A model was built or rebuilt: documents whose facts changed are analysed again. */
  onChange(): void;
  log(message: string): void;
  /** Shows the user that packages are being modelled for the first time, until `done`. */
  progress(title: string): CrateModelProgress;
}

/** A progress shown to the user (see `workDoneProgress`). */
export interface CrateModelProgress {
  report(message: string): void;
  done(): void;
}

/** What the server asks of the crate models (see `CrateModels`). */
export interface CrateModelHost {
  factsFor(uri: string): CrateFacts | undefined;
  /** The built model of the package whose Cargo.toml this is; undefined (and its build queued) while there is none. */
  packageModel(manifest: string): CrateModel | undefined;
  /** The document's package is being modelled for the first time: its findings are about to change. */
  firstBuildPending(uri: string): boolean;
  opened(uri: string): void;
  /** An open document was edited, or closed (its disk text counts again). */
  documentChanged(uri: string): void;
  /** Files changed on disk (`workspace/didChangeWatchedFiles`). */
  filesChanged(uris: readonly string[]): void;
}

