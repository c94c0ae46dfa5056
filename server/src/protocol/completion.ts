import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  type CompletionOptions,
  type CompletionParams,
  type InitializeParams,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type Range,
} from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { RustDocument } from '../documents/rustDocument';
import { TextDocuments } from '../documents/textDocuments';
import type { InitializationOptions } from '../../../shared/protocol';
import { SNIPPET_FILES, type SnippetLanguage, expandSnippet, snippetLanguage } from './snippets';

/** What a snippet may follow on its line: all of ours are whole items, statements or instructions. */
const LINE_START_WORD = /^\s*([\w-]*)$/;
const PREFIX = 'rp-';
/** Where a Rust snippet would land inside a comment or a literal, not in code. */
const NOT_CODE = new Set(['line_comment', 'block_comment', 'string_literal', 'raw_string_literal', 'char_literal']);
const FENCE: Record<SnippetLanguage, string> = { rust: 'rust', dockerfile: 'dockerfile', sql: 'sql', ignore: 'gitignore' };

const cache = new Map<SnippetLanguage, Omit<CompletionItem, 'textEdit'>[]>();

/** Every snippet of `language`, as completion items that replace `range` (the typed prefix). */
export function snippetItems(language: SnippetLanguage, range: Range): CompletionItem[] {
  let items = cache.get(language);
  if (!items) {
    items = Object.entries(SNIPPET_FILES[language]).map(([name, s]) => ({
      label: s.prefix,
      kind: CompletionItemKind.Snippet,
      detail: name,
      documentation: { kind: MarkupKind.Markdown, value: `${s.description}\n\n\`\`\`${FENCE[language]}\n${expandSnippet(s.body.join('\n'))}\n\`\`\`` },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.adjustIndentation,
      filterText: s.prefix,
      insertText: s.body.join('\n'),
    }));
    cache.set(language, items);
  }
  return items.map((item) => ({ ...item, textEdit: { range, newText: item.insertText! } }));
}

/**
 * Snippet completion for editors other than VS Code (Neovim, Helix, Zed…), which have no
 * package.json to read snippets from. Our VS Code client says so at initialize; the server then
 * announces no completion provider at all, and VS Code shows each snippet once.
 */
export class SnippetCompletion {
  private enabled = false;
  /** The non-Rust documents with snippets (Dockerfiles, SQL), kept as text only. */
  private readonly others = new TextDocuments();

  /** Decides, once, whether this client gets snippets from the server; returns the capability to announce. */
  initialize(params: InitializeParams): CompletionOptions | undefined {
    const snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    const options = params.initializationOptions as InitializationOptions | undefined;
    this.enabled = snippetSupport && options?.snippetsFromPackageJson !== true;
    return this.enabled ? { resolveProvider: false } : undefined;
  }

  /** A non-Rust document was opened: kept only when there are snippets for it and they are served. */
  open(uri: string, languageId: string, version: number, text: string): void {
    if (this.enabled && snippetLanguage(uri, languageId)) this.others.open(uri, languageId, version, text);
  }

  /** False when `uri` is not a document kept here. */
  change(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number | null): boolean {
    return this.others.change(uri, changes, version);
  }

  close(uri: string): void {
    this.others.close(uri);
  }

  /** The snippets that fit at the position: at the start of a line, for the word typed there. */
  complete(params: CompletionParams, rust: RustDocument | undefined): CompletionList | null {
    if (!this.enabled) return null;
    const uri = params.textDocument.uri;
    const doc = rust?.textDocument ?? this.others.get(uri);
    const language = doc && snippetLanguage(uri, doc.languageId);
    if (!doc || !language) return null;
    const { line, character } = params.position;
    const word = LINE_START_WORD.exec(doc.getText({ start: { line, character: 0 }, end: params.position }))?.[1];
    if (word === undefined || !(word.startsWith(PREFIX) || PREFIX.startsWith(word))) return null;
    if (rust && inCommentOrLiteral(rust, doc.offsetAt(params.position))) return null;
    const range = { start: { line, character: character - word.length }, end: params.position };
    return { isIncomplete: false, items: snippetItems(language, range) };
  }
}

function inCommentOrLiteral(doc: RustDocument, offset: number): boolean {
  const tree = doc.currentTree();
  if (!tree || offset === 0) return false;
  for (let node = tree.rootNode.descendantForIndex(offset - 1); node; node = node.parent) {
    if (NOT_CODE.has(node.type)) return true;
  }
  return false;
}
