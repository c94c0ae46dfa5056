import * as assert from 'assert';
import type { Node } from 'web-tree-sitter';
import { createParser } from '../../server/src/analysis/parser';
import { applyEdits, ruleFixes } from '../../server/src/analysis/fixes';
import type { Finding } from '../../server/src/analysis/finding';
import type { Fix } from '../../server/src/analysis/rule';
import { ruleById } from '../../server/src/rules';
import { type CompileResult, rustcCheck } from './rustc';
import { lint, sharedEngine } from './engine';

/**
 * Checks that a rule's quick fix repairs code rather than promising to (issue 4):
 *
 *   const after = await verifyFix(src, 'clone_then_reset', { compile: rustcCheck });
 *
 * runs every check below on one fixture; the pieces are exported for tests that need only some.
 */

const RELATIVE_PATH = 'src/lib.rs';
const TIMEOUT_SECONDS = 10;

export interface FixChoice {
  /** Which finding of the rule: the n-th (default 0), or the first whose flagged text includes this. */
  finding?: number | string;
  /** Which of its fixes: the first whose title includes this (default: the first fix). */
  title?: string;
  relativePath?: string;
}

export interface AppliedFix {
  /** The text after the fix. */
  text: string;
  fix: Fix;
  finding: Finding;
}

/** Applies one fix of one finding of `ruleId` to `text`. Fails if there is no such finding or fix. */
export async function applyFix(text: string, ruleId: string, choice: FixChoice = {}): Promise<AppliedFix> {
  const findings = await lint(text, ruleId, choice.relativePath ?? RELATIVE_PATH);
  const which = choice.finding ?? 0;
  const finding = typeof which === 'number' ? findings[which] : findings.find((f) => f.text.includes(which));
  assert.ok(finding, `${ruleId} has no finding ${JSON.stringify(which)} in:\n${text}`);
  const fixes = await fixesFor(text, finding);
  const fix = choice.title === undefined ? fixes[0] : fixes.find((f) => f.title.includes(choice.title!));
  assert.ok(fix, `${ruleId} offers no fix ${JSON.stringify(choice.title ?? '')} for ${JSON.stringify(finding.message)}; it offers ${JSON.stringify(fixes.map((f) => f.title))}`);
  return { text: applyEdits(text, fix.edits), fix, finding };
}

/** Every fix the rule offers for `finding` (not the allow-line/allow-file ones). */
export async function fixesFor(text: string, finding: Finding): Promise<Fix[]> {
  await ready();
  return withTree(text, (root) => ruleFixes(ruleById(finding.ruleId)!, finding, text, root.tree, { timeoutSeconds: TIMEOUT_SECONDS }));
}

/** The text parses without any ERROR or MISSING node. */
export async function assertParsesClean(text: string): Promise<void> {
  await ready();
  withTree(text, (root) => {
    const bad = firstBrokenNode(root);
    if (bad) assert.fail(`${bad.isMissing ? 'MISSING' : 'ERROR'} node at ${bad.startPosition.row + 1}:${bad.startPosition.column + 1} in:\n${text}`);
  });
}

/** The compiler accepts both texts (pass `rustcCheck` or `tokioCheck` from ./rustc). */
export function assertCompilesBeforeAndAfter(before: string, after: string, check: (src: string) => CompileResult = rustcCheck): void {
  const b = check(before);
  assert.ok(b.ok, `the fixture does not compile BEFORE the fix (fix the fixture):\n${b.stderr}\n${before}`);
  const a = check(after);
  assert.ok(a.ok, `the fix produced code that does not compile:\n${a.stderr}\n${after}`);
}

/** `Engine.fixAll` with every rule, then again: the second run must change nothing. Returns the first result. */
export async function assertFixAllIdempotent(text: string, relativePath = RELATIVE_PATH): Promise<string> {
  const engine = await sharedEngine();
  const options = { relativePath, timeoutSeconds: TIMEOUT_SECONDS };
  const once = engine.fixAll(text, options).text;
  const twice = engine.fixAll(once, options);
  assert.strictEqual(twice.fixed, 0, `fix-all found more to fix the second time:\n${once}`);
  assert.strictEqual(twice.text, once);
  return once;
}

export interface VerifyOptions extends FixChoice {
  /** A compiler check the fixture must pass before and after (omit for fixtures needing axum, sqlx…). */
  compile?: (src: string) => CompileResult;
}

/**
 * Applies the chosen fix and checks: the result parses cleanly; this finding is gone; no rule fires
 * that did not before; fix-all is idempotent (and its output parses and compiles too); and, with
 * `compile`, the compiler accepts the text before and after. Returns the fixed text for further asserts.
 */
export async function verifyFix(text: string, ruleId: string, options: VerifyOptions = {}): Promise<string> {
  const relativePath = options.relativePath ?? RELATIVE_PATH;
  const { text: after, finding } = await applyFix(text, ruleId, options);
  await assertParsesClean(after);

  const before = await lint(text, undefined, relativePath);
  const now = await lint(after, undefined, relativePath);
  const key = (f: Finding & { text: string }) => `${f.ruleId}: ${f.message}`;
  const sameFinding = (f: Finding) => f.ruleId === ruleId && f.message === finding.message;
  assert.ok(
    now.filter(sameFinding).length < before.filter(sameFinding).length,
    `${ruleId} still fires after its fix: ${finding.message}\n${after}`,
  );
  const remaining = countBy(before.map(key));
  const fresh = now.map(key).filter((k) => !take(remaining, k));
  assert.deepStrictEqual(fresh, [], `the fix made other findings appear:\n${after}`);

  const fixedAll = await assertFixAllIdempotent(text, relativePath);
  await assertParsesClean(fixedAll);
  if (options.compile) {
    assertCompilesBeforeAndAfter(text, after, options.compile);
    if (fixedAll !== after) assertCompilesBeforeAndAfter(text, fixedAll, options.compile);
  }
  return after;
}

function countBy(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function take(counts: Map<string, number>, key: string): boolean {
  const n = counts.get(key) ?? 0;
  if (!n) return false;
  counts.set(key, n - 1);
  return true;
}

let parser: Awaited<ReturnType<typeof createParser>> | undefined;

async function ready(): Promise<void> {
  parser ??= await createParser();
}

function withTree<T>(text: string, use: (root: Node) => T): T {
  assert.ok(parser, 'call `await ready()` (any async helper here does) before parsing');
  const tree = parser.parse(text);
  assert.ok(tree, 'tree-sitter returned no tree');
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Iterative walk: fixtures may nest deeply. */
function firstBrokenNode(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const cursor = root.walk();
  try {
    for (;;) {
      const n = cursor.currentNode;
      if (n.isError || n.isMissing) return n;
      if (n.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return undefined;
    }
  } finally {
    cursor.delete();
  }
}
