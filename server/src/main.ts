#!/usr/bin/env node
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import pkg from '../../package.json';
import { createParser } from './analysis/parser';
import { startServer } from './protocol/server';

// The transport comes from argv: --stdio (any editor), --node-ipc (VS Code), --socket=N.
if (process.argv.includes('--version')) {
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e instanceof Error ? e.stack : e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack : e}`));
createParser().then(
  (parser) => startServer(connection, parser),
  (e) => {
    process.stderr.write(`rust-patterns: cannot load the tree-sitter grammar: ${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  },
);
