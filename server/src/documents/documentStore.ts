import { URI } from 'vscode-uri';
import { IncrementalAnalyzer } from '../analysis/analyzer';
import type { ParserHeap } from '../analysis/parsing';
import { isTestFile } from '../analysis/testPaths';
import { type CrateFacts, crateFactsKey } from '../analysis/crateFacts';
import type { Rule } from '../analysis/rule';
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
  /** The crate facts each open document is analysed with, keyed. */
  private readonly crateKeys = new Map<string, string>();

  constructor(
    private readonly heap: ParserHeap,
    private rules: (uri: string) => readonly Rule[],
    private readonly maxSize: () => number,
    private readonly onRuleError: (rule: Rule, error: unknown) => void,
    private readonly log: (message: string) => void,
    /** The document's package facts, from the crate models built so far. */
    private readonly crateFacts: (uri: string) => CrateFacts | undefined = () => undefined,
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
    this.crateKeys.delete(uri);
    this.reclaim?.poke();
    return true;
  }

  /** The rule set changed: every document is analysed afresh. */
  reconfigure(): void {
    for (const doc of this.docs.values()) doc.setAnalyzer(this.analyzerFor(doc.uri));
  }

  /**
   * A crate model was built or changed: the documents whose crate facts differ now are analysed
   * afresh. Returns their URIs.
   */
  refreshCrateFacts(): string[] {
    const changed: string[] = [];
    for (const doc of this.docs.values()) {
      if (this.crateKeys.get(doc.uri) === crateFactsKey(this.crateFacts(doc.uri))) continue;
      doc.setAnalyzer(this.analyzerFor(doc.uri));
      changed.push(doc.uri);
    }
    return changed;
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
    const crate = this.crateFacts(uri);
    this.crateKeys.set(uri, crateFactsKey(crate));
    return new IncrementalAnalyzer(this.rules(uri), { testFile: isTestFile(this.relativePath(uri), crate), crate }, this.heap, this.onRuleError);
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
