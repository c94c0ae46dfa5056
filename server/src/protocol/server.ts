import {
  type Connection,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import pkg from '../../../package.json';
import { DocumentStore } from '../documents/documentStore';
import type { RustDocument } from '../documents/rustDocument';
import { ALL_RULES, ruleById } from '../rules';
import { Engine } from '../analysis/engine';
import { FIX_ALL_KIND, codeActions } from './codeActions';
import { SnippetCompletion } from './completion';
import { toDiagnostics } from './diagnostics';
import { hoverAt } from './hover';
import type { CrateModelHost, ServerPlatform } from './platform';
import { OtherFiles } from './otherFiles';
import { workDoneProgress } from './workDoneProgress';
import { CONFIG_GLOBS, ProjectSettings } from './projectSettings';
import { DEFAULT_SETTINGS, type Settings, readSettings } from './settings';
import { type InitializationOptions, SETTINGS_SECTION, STATUS_NOTIFICATION, type StatusParams } from '../../../shared/protocol';

/** Wires LSP messages to the document store. Everything that can fail is caught per request. */
export function startServer(connection: Connection, platform: ServerPlatform): void {
  const { heap, docsBase } = platform;
  let settings: Settings = DEFAULT_SETTINGS;
  let pullConfiguration = false;
  let workspaceFolderEvents = false;
  let watchFiles = false;
  const failedRules = new Set<string>();

  // Logged once per rule: a rule that throws on one construct would throw on every keystroke.
  const ruleFailed = (rule: { id: string }, error: unknown) => {
    if (failedRules.has(rule.id)) return;
    failedRules.add(rule.id);
    connection.console.error(`rule ${rule.id} failed; its other findings are kept: ${errorText(error)}`);
  };

  // Editor settings over the project's Cargo.toml / rust-patterns.toml over the rules' defaults.
  const project = new ProjectSettings(() => settings, platform.projectConfigs);
  // Where there is a file system, what each document's Cargo package says about it (see crate/model.ts).
  const crates: CrateModelHost | undefined = platform.crates?.({
    openText: (uri) => store.get(uri)?.text,
    onChange: () => {
      for (const uri of [...store.refreshCrateFacts(), ...others.crateModelsChanged(), ...held.keys()]) schedule(uri);
      held.clear();
    },
    log: (message) => connection.console.info(message),
    progress: (title) => workDoneProgress(connection, title),
  });
  const store: DocumentStore = new DocumentStore(
    heap,
    (uri) => project.rulesFor(uri),
    () => settings.maxFileSize,
    ruleFailed,
    (message) => connection.console.info(message),
    (uri) => crates?.factsFor(uri),
  );

  // Said wherever the server reports being ready, so that nobody expects project settings it cannot read.
  const scope = platform.projectConfigs ? '' : ', each on its own: no Cargo.toml or rust-patterns.toml is read here';
  const others = new OtherFiles({
    rules: (uri) => project.fileRulesFor(uri),
    severityOf: (rule, uri) => project.severityOf(rule, uri),
    facts: platform.otherFileFacts && crates && ((kind, file) => platform.otherFileFacts!(kind, file, (manifest) => crates.packageModel(manifest))),
    onRuleError: ruleFailed,
  });
  // A Cargo.toml open in the editor gets its configuration problems with its findings, in one list.
  const publishOther = (uri: string) => {
    const file = others.has(uri) ? others.diagnostics(uri, docsBase) : [];
    void connection.sendDiagnostics({ uri, version: others.version(uri), diagnostics: [...project.configDiagnosticsOn(uri), ...file] });
  };
  const reanalyseAll = () => {
    store.reconfigure();
    others.reconfigure();
    for (const uri of [...store.all().map((d) => d.uri), ...others.uris()]) schedule(uri);
  };

  const status = (state: StatusParams['state'], message: string) => void connection.sendNotification(STATUS_NOTIFICATION, { state, message } satisfies StatusParams);

  // Publishing runs once per burst of edits: changes that arrive together are coalesced.
  const pending = new Set<string>();
  // Edited since their last publication: published first, so that a keystroke never waits behind a
  // batch of documents (dozens, when their package models come in).
  const edited = new Set<string>();
  // A document opened while its package is modelled for the first time waits for the model (a
  // moment, at most HOLD_MS) rather than showing findings the model would take back: since when.
  // Once published, it is never held again: an edit is published with the facts at hand.
  const held = new Map<string, number>();
  const published = new Set<string>();
  let scheduled = false;
  const schedule = (uri: string) => {
    pending.add(uri);
    if (scheduled) return;
    scheduled = true;
    // A timer rather than setImmediate, which a browser's worker does not have.
    setTimeout(flush, 0);
  };
  let failures = 0;
  const flush = () => {
    scheduled = false;
    const uris = [...pending].sort((a, b) => Number(edited.has(b)) - Number(edited.has(a)));
    pending.clear();
    const started = Date.now();
    for (const [i, uri] of uris.entries()) {
      // The rest waits for the next turn of the message loop, where the next keystroke goes first.
      if (i && Date.now() - started > FLUSH_SLICE_MS) {
        for (const rest of uris.slice(i)) schedule(rest);
        return;
      }
      edited.delete(uri);
      const doc = store.get(uri);
      if ((doc || others.isManifest(uri)) && !published.has(uri) && crates?.firstBuildPending(uri)) {
        const since = held.get(uri) ?? Date.now();
        if (Date.now() - since < HOLD_MS) {
          if (!held.has(uri)) setTimeout(() => schedule(uri), HOLD_MS);
          held.set(uri, since);
          continue;
        }
      }
      held.delete(uri);
      published.add(uri);
      if (doc && !publish(doc)) failures++;
      if (others.has(uri)) publishOther(uri);
    }
    for (const p of project.configDiagnostics([...store.all().map((d) => d.uri), ...others.uris()])) {
      if (others.has(p.uri)) publishOther(p.uri);
      else void connection.sendDiagnostics(p);
    }
    if (!failures) status('ready', `${store.all().length} Rust file(s) analysed${scope}`);
    failures = 0;
  };
  const publish = (doc: RustDocument): boolean => {
    try {
      const state = doc.analyze();
      const diagnostics = toDiagnostics(doc, state, (id) => {
        const rule = ruleById(id);
        return rule && project.severityOf(rule, doc.uri);
      }, docsBase);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
      return true;
    } catch (error) {
      connection.console.error(`analysis of ${doc.uri} failed: ${errorText(error)}`);
      status('error', `Analysis failed for ${doc.uri}; see the output`);
      return false;
    }
  };

  const refreshSettings = async (pushed?: unknown) => {
    if (pullConfiguration) {
      const [section] = await connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }]);
      settings = readSettings(section);
    } else {
      settings = readSettings(pushed);
    }
    reanalyseAll();
  };

  const snippets = new SnippetCompletion();
  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = !!params.capabilities?.workspace?.configuration;
    workspaceFolderEvents = !!params.capabilities?.workspace?.workspaceFolders;
    watchFiles = !!params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const init = params.initializationOptions as InitializationOptions | undefined;
    if (init?.settings) settings = readSettings(init.settings);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    store.setWorkspaceFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: snippets.initialize(params),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'rust-patterns', version: pkg.version },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      refreshSettings().catch((e) => connection.console.error(`reading settings failed: ${errorText(e)}`));
    }
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        connection.workspace.getWorkspaceFolders().then(
          (folders) => {
            store.setWorkspaceFolders(folders?.map((f) => f.uri) ?? []);
            reanalyseAll();
          },
          (e) => connection.console.error(`reading workspace folders failed: ${errorText(e)}`),
        );
      });
    }
    status('ready', `Rust Patterns is ready${scope}`);
  });

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as { rustPatterns?: unknown } | undefined)?.rustPatterns;
    refreshSettings(pushed).catch((e) => connection.console.error(`reading settings failed: ${errorText(e)}`));
  });


  // A Cargo.toml or rust-patterns.toml changed on disk: re-read them and re-analyse every document.
  // Any watched file may change a crate model, which re-publishes the documents it concerns.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const uris = (Array.isArray(changes) ? changes : []).map((c) => c?.uri).filter((u): u is string => typeof u === 'string');
    if (uris.some(isConfigFile)) {
      project.reload();
      reanalyseAll();
    } else if (uris.length) {
      // A source or a Dockerfile's context changed: what the file rules read beside them may have too.
      others.reconfigure();
      for (const uri of others.uris()) schedule(uri);
    }
    crates?.filesChanged(uris);
  });

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    if (typeof d?.uri !== 'string' || typeof d.text !== 'string') return connection.console.warn('didOpen without a uri and a text: ignored');
    // A Cargo.toml or Dockerfile (by name, whatever language id the client gave it), kept for completion too.
    if (others.didOpen(d.uri, d.languageId, d.version, d.text)) {
      // A Cargo.toml's package is modelled for the facts its rules read (whether the code relies on unwinding).
      if (others.isManifest(d.uri)) crates?.opened(d.uri);
      schedule(d.uri);
      return snippets.open(d.uri, d.languageId, d.version, d.text);
    }
    if (!isRust(d.uri, d.languageId)) return snippets.open(d.uri, d.languageId, d.version, d.text);
    if (store.get(d.uri)) connection.console.warn(`didOpen for ${d.uri}, which is open already: its text is replaced`);
    store.open(d.uri, d.languageId, d.version, d.text);
    crates?.opened(d.uri);
    schedule(d.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const doc = store.get(textDocument.uri);
    if (!doc) {
      const other = others.didChange(textDocument.uri, contentChanges, textDocument.version);
      if (other) schedule(textDocument.uri);
      if (snippets.change(textDocument.uri, contentChanges, textDocument.version) || other) return;
      connection.console.warn(`didChange for ${textDocument.uri}, which is not open: ignored`);
      return;
    }
    const version = typeof textDocument.version === 'number' ? textDocument.version : doc.version + 1;
    // The client's text is the truth even when its versions are not: apply, and say so.
    if (version < doc.version) connection.console.warn(`didChange for ${doc.uri} goes back from version ${doc.version} to ${version}: applied`);
    try {
      doc.applyChanges(contentChanges, version);
    } catch (error) {
      connection.console.error(`could not apply an edit to ${doc.uri}: ${errorText(error)}`);
    }
    crates?.documentChanged(doc.uri);
    edited.add(doc.uri);
    schedule(doc.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    snippets.close(textDocument.uri);
    published.delete(textDocument.uri);
    if (others.didClose(textDocument.uri)) publishOther(textDocument.uri);
    if (!store.close(textDocument.uri)) return;
    crates?.documentChanged(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  // A request the client cancelled while it waited (the user typed on) is answered without the work.
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  connection.onHover((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const doc = store.get(params.textDocument.uri);
    if (!doc) return others.hover(params.textDocument.uri, params.position, docsBase);
    return hoverAt(doc, params.position, docsBase);
  });

  connection.onCompletion((params) => snippets.complete(params, store.get(params.textDocument.uri)));

  const engine = new Engine(heap, ALL_RULES);
  connection.onCodeAction((params, token) => {
    if (token.isCancellationRequested) return cancelled();
    const doc = store.get(params.textDocument.uri);
    if (!doc) return others.has(params.textDocument.uri) ? others.codeActions(params.textDocument.uri, params) : null;
    return codeActions(doc, params, { engine, rules: () => project.rulesFor(doc.uri), relativePath: (uri) => store.relativePath(uri), crate: (uri) => crates?.factsFor(uri), timeoutSeconds: () => project.timeoutSeconds(doc.uri) });
  });

  connection.listen();
}

/** How long a document opened in a package being modelled waits for the model before it is published without. */
const HOLD_MS = 3000;
/** How long one flush publishes before it hands the rest to the next turn of the message loop. */
const FLUSH_SLICE_MS = 20;

/** Configuration files, then Rust sources, for the crate models. */
const WATCHED_GLOBS = [...CONFIG_GLOBS, '**/*.rs'];

function isConfigFile(uri: string): boolean {
  return /(?:^|\/)(?:Cargo|rust-patterns)\.toml$/.test(uri);
}

function isRust(uri: string, languageId: string): boolean {
  return languageId === 'rust' || uri.endsWith('.rs');
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
