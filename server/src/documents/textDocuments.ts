import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * Open documents the server keeps as text only, never parsed or analysed: the non-Rust files
 * (Dockerfiles, SQL) a client sends so that it can complete snippets in them.
 */
export class TextDocuments {
  private readonly docs = new Map<string, TextDocument>();

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
  }

  /** False when `uri` is not one of these documents. */
  change(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number | null): boolean {
    const doc = this.docs.get(uri);
    if (!doc) return false;
    this.docs.set(uri, TextDocument.update(doc, [...changes], version ?? doc.version + 1));
    return true;
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }
}
