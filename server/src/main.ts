#!/usr/bin/env node
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import pkg from '../../package.json';
import { loadParserHeap } from './analysis/parser';
import { ProjectConfigs } from './config/projectConfig';
import { CrateModels } from './protocol/crateModels';
import { FrameGuard } from './protocol/frameGuard';
import { startServer } from './protocol/server';
import { shippedDocsBase } from './shippedDocs';
import { otherFileFacts } from './config/fileFacts';

// The transport comes from argv: --stdio (any editor), --node-ipc (VS Code), --socket=N.
if (process.argv.includes('--version')) {
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}
// Over stdio a malformed frame would desynchronise the reader for good: filter frames first.
const connection = process.argv.includes('--stdio')
  ? createConnection(
      ProposedFeatures.all,
      new StreamMessageReader(process.stdin.pipe(new FrameGuard((message) => connection.console.warn(`rust-patterns: ${message}`)))),
      new StreamMessageWriter(process.stdout),
    )
  : createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e instanceof Error ? e.stack : e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack : e}`));
loadParserHeap().then(
  (heap) => startServer(connection, { heap, docsBase: shippedDocsBase(__dirname), projectConfigs: new ProjectConfigs(), crates: (hooks) => new CrateModels(heap, hooks), otherFileFacts }),
  (e) => {
    process.stderr.write(`rust-patterns: cannot load the tree-sitter grammar: ${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  },
);
