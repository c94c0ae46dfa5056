import { URI } from 'vscode-uri';
import { IncrementalAnalyzer } from '../analysis/analyzer';
import type { ParserHeap } from '../analysis/parsing';
import { isTestPath } from '../analysis/testPaths';
import type { Rule } from '../rules/rule';
import { HeapReclaim } from './heapReclaim';
import { RustDocument } from './rustDocument';
import { TreeBudget } from './treeBudget';

/** The open Rust documents, and how to build an analyzer for one of them. */
export class DocumentStore {
  private readonly docs = new Map<string, RustDocument>();
  private readonly trees = new TreeBudget();
  private readonly reclaim: HeapReclaim | undefined;
  /** Each folder's URI with a trailing slash, so that a prefix is a whole path segment. */
  private workspaceFolders: string[] = [];

  constructor(
    private readonly heap: ParserHeap,
    private rules: (uri: string) => readonly Rule[],
    private readonly maxSize: () => number,
    private readonly onRuleError: (rule: Rule, error: unknown) => void,
    private readonly log: (message: string) => void,
  ) {
    this.reclaim = heap.renewable ? new HeapReclaim(() => heap.bytes, () => this.renewHeap(), this.trees) : undefined;
  }

  setWorkspaceFolders(uris: string[]): void {
    this.workspaceFolders = uris.map((u) => normalUri(u)).filter((u): u is string => !!u).map((u) => (u.endsWith('/') ? u : `${u}/`));
  }

  open(uri: string, languageId: string, version: number, text: string): RustDocument {
    this.close(uri);
    const doc = new RustDocument(uri, languageId, version, text, this.heap.parser, this.analyzerFor(uri), this.maxSize, this.trees);
    this.docs.set(uri, doc);
    this.reclaim?.poke();
    return doc;
  }

  get(uri: string): RustDocument | undefined {
    return this.docs.get(uri);
  }

  all(): RustDocument[] {
    return [...this.docs.values()];
  }

  close(uri: string): boolean {
    const doc = this.docs.get(uri);
    if (!doc) return false;
    doc.dispose();
    this.docs.delete(uri);
    this.reclaim?.poke();
    return true;
  }

  /** The rule set changed: every document is analysed afresh. */
  reconfigure(): void {
    for (const doc of this.docs.values()) doc.setAnalyzer(this.analyzerFor(doc.uri));
  }

  /**
   * The path used for test exemptions: relative to the workspace folder holding the file, with `/`
   * between segments. Read from URIs, so that it is the same on disk and in a browser's virtual folders.
   */
  relativePath(uri: string): string {
    const file = normalUri(uri);
    if (!file) return '';
    const folder = this.workspaceFolders.filter((f) => file.startsWith(f)).sort((a, b) => b.length - a.length)[0];
    return folder ? file.slice(folder.length) : file.slice(file.lastIndexOf('/') + 1);
  }

  /** Moves every document to a fresh parser heap, so that the old one, and its peak, can go. */
  private async renewHeap(): Promise<void> {
    const before = this.heap.bytes;
    try {
      await this.heap.renew((parser) => {
        for (const doc of this.docs.values()) doc.moveTo(parser);
      });
      this.log(`Parser memory given back: its wasm heap went from ${mib(before)} to ${mib(this.heap.bytes)} MiB (${this.docs.size} open document(s) parsed again)`);
    } catch (error) {
      this.log(`Could not renew the parser's memory; the old heap stays: ${error instanceof Error ? error.message : error}`);
    }
  }

  private analyzerFor(uri: string): IncrementalAnalyzer {
    return new IncrementalAnalyzer(this.rules(uri), { testFile: isTestPath(this.relativePath(uri)) }, this.heap, this.onRuleError);
  }
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

/**
 * One spelling per URI, its path unescaped (clients escape differently, and spell a Windows drive
 * letter either way), or undefined for what does not parse.
 */
function normalUri(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return `${u.scheme}://${u.authority}${u.path.replace(/^\/([A-Z]):/, (_, drive: string) => `/${drive.toLowerCase()}:`)}`;
  } catch {
    return undefined;
  }
}

export function fsPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}
