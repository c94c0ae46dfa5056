#!/usr/bin/env node
import { isMainThread } from 'worker_threads';
import pkg from '../../package.json';
import { CATALOG, catalogRule } from '../../server/src/rules';
import { docsUrl, explain } from '../../server/src/rules/docs';
import { type Command, USAGE, USAGE_HINT, UsageError, parseCommand } from './args';
import { exitCode, runCheck } from './check';
import { formatJson } from './report/json';
import { formatSarif } from './report/sarif';
import { formatText } from './report/text';
import { shippedDocsBase } from '../../server/src/shippedDocs';
import { runWorker } from './worker';

const DOCS_BASE = shippedDocsBase(__dirname);

/** `rust-patterns check …`: the server's engine and rule catalog, for CI. The same file runs as its workers. */
async function main(argv: string[]): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`rust-patterns: ${e.message}\n${USAGE_HINT}\n`);
    return 2;
  }
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    case 'explain': {
      const rule = catalogRule(cmd.id)!;
      const page = docsUrl(rule, DOCS_BASE);
      process.stdout.write(`# ${rule.id} (${rule.severity})\n\n${rule.docs.what}\n\n${explain(rule)}\n${page ? `\n${page}\n` : ''}`);
      return 0;
    }
    case 'list-rules':
      process.stdout.write(cmd.format === 'text' ? listRules() : `${JSON.stringify(CATALOG.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, clippy: r.clippy ?? [], docs: docsUrl(r, DOCS_BASE) })), null, 2)}\n`);
      return 0;
    case 'check': {
      const report = await runCheck(cmd, __filename, pkg.version);
      if (report.cacheProblem) process.stderr.write(`rust-patterns: warning: ${report.cacheProblem}\n`);
      const color = process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : !!process.stdout.isTTY && !process.env.NO_COLOR;
      const body = cmd.format === 'json' ? formatJson(report) : cmd.format === 'sarif' ? formatSarif(report) : formatText(report, { color });
      await new Promise<void>((resolve) => process.stdout.write(body, () => resolve()));
      return exitCode(report, cmd.deny);
    }
  }
}

function listRules(): string {
  const width = Math.max(...CATALOG.map((r) => r.id.length));
  const lines = CATALOG.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.summary}${r.clippy ? `  [clippy::${r.clippy.join(', clippy::')}]` : ''}`);
  return `${lines.join('\n')}\n\n${CATALOG.length} rules. \`rust-patterns --explain <rule>\` explains one.\n`;
}

if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`rust-patterns: ${e instanceof Error ? (e.stack ?? e.message) : e}\n`);
      process.exitCode = 2;
    },
  );
} else {
  runWorker().catch((e) => {
    throw e;
  });
}
