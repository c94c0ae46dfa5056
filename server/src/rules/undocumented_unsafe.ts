import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { eolOf, indentAt, lineStartAt, treeText } from '../analysis/edits';
import { macroHostOf, statementOf } from '../analysis/macroBodies';

/** `SAFETY:` in a comment, as clippy's `undocumented_unsafe_blocks` accepts it (and the `SAFE:` some crates write). */
const SAFETY = /\bSAFE(TY)?\s*:/i;
/** Lines that may sit between the comment and the `unsafe`: more comment lines, attributes. */
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#!?\[)|\*\/\s*$/;
const COMMENTS = /\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
/** The comments a piece of code ends with. */
const TRAILING_COMMENTS = /(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))+\s*$/;

export const undocumentedUnsafe: Rule = {
  id: 'undocumented_unsafe',
  severity: 'warning',
  section: 'Minimize unsafe by encapsulating invariants in safe abstractions',
  summary: 'An `unsafe` block or `unsafe impl` without a `// SAFETY:` comment saying why it is sound',
  // Tests are not production code: an `unsafe { env::set_var(..) }` in a unit test puts nobody's data at risk.
  allowedInTests: true,
  clippy: ['undocumented_unsafe_blocks'],
  // An `unsafe` block or impl: the `unsafe` of an `unsafe fn` alone (what intrinsics are) holds neither.
  mentions: [/\bunsafe\b(?!\s*fn\b)/],
  inMacros: true,
  textFixes: true,
  docs: {
    what:
      'Flags an `unsafe { .. }` block or an `unsafe impl` with no comment containing `SAFETY:` (any case; `SAFE:` too) on the lines directly above it ' +
      '(attributes, blank lines and other comment lines may sit in between, as clippy allows; for a block, above the statement that holds it, or ending the line above inside it: `let x = // SAFETY: …`), before it ' +
      'on the same line, or as the first lines inside the block. Blocks inside macro calls (`cfg_if!`, `println!` arguments, ' +
      '`lazy_static!`…) and `macro_rules!` bodies count too; the first statement of a call is documented by a comment above ' +
      'the call. Test code is left alone.',
    why:
      '`unsafe` unlocks five things the compiler cannot check: dereferencing raw pointers, calling unsafe functions, touching ' +
      'mutable statics, implementing unsafe traits (`Send`, `Sync`…) and reading union fields. Soundness then rests on ' +
      'invariants that live only in the author\'s head; one wrong assumption is undefined behaviour, and a single instance ' +
      'makes the whole program\'s behaviour undefined: use-after-free, data races and aliasing violations that surface ' +
      'months later as corrupted data or crashes far from the cause. A `// SAFETY:` comment writes the argument down so ' +
      'reviewers can check it and whoever changes the code later knows what must stay true. Run the tests under Miri ' +
      '(`cargo +nightly miri test`) to catch the UB that the argument missed.',
    setup: [
      'struct Handle(*mut u8);',
      'fn first_byte(buf: Vec<u8>) -> Option<u8> {',
      '    if buf.is_empty() {',
      '        return None;',
      '    }',
      '    let ptr = buf.as_ptr();',
    ].join('\n'),
    example: [
      'let first = unsafe { *ptr };',
      '#     Some(first)',
      '# }',
      '',
      'unsafe impl Send for Handle {}',
    ].join('\n'),
    instead: [
      '// SAFETY: `ptr` comes from `Vec::as_ptr` on a non-empty vec that outlives this read.',
      'let first = unsafe { *ptr };',
      '#     Some(first)',
      '# }',
      '',
      '// SAFETY: `Handle` owns its buffer exclusively; the raw pointer is never shared.',
      'unsafe impl Send for Handle {}',
    ].join('\n'),
  },
  visit: {
    unsafe_block(node, ctx) {
      const keyword = node.child(0);
      if (keyword?.type === 'unsafe' && !documented(node) && !documentedInside(node) && !contractStatedElsewhere(node)) ctx.report(keyword, 'This `unsafe` block has no `// SAFETY:` comment explaining why it is sound.');
    },
    impl_item(node, ctx) {
      const keyword = node.children.find((c) => c?.type === 'unsafe');
      if (keyword && !documented(node)) {
        const trait = node.childForFieldName('trait')?.text ?? 'trait';
        ctx.report(keyword, `\`unsafe impl ${trait}\` has no \`// SAFETY:\` comment saying why the type upholds the trait's contract.`);
      }
    },
  },
  fix: {
    availability: 'always',
    safety: 'unsafe',
    note: "The comment's reason is the author's to write.",
  },
  fixes(finding, { text }) {
    const at = lineStartAt(text, finding.start);
    return [
      {
        title: 'Add a `// SAFETY:` comment',
        // The reason is the user's to write (the edit leaves the line ending in "SAFETY: "): never automatic.
        edits: [{ start: at, end: at, newText: `${indentAt(text, finding.start)}// SAFETY: ${eolOf(text)}` }],
        safe: false,
        preferred: true,
      },
    ];
  },
};

/**
 * Is there a SAFETY comment before the `unsafe` on its line, or in the comment lines right above the
 * line of the `unsafe` or of the statement holding it (for the first statement of a macro call's
 * body, of the statement holding the call)? The comments above an item are outside its
 * analysis unit; the analyzer keys each unit on the comments in front of it, so reading them is safe.
 */
function documented(node: Node): boolean {
  const text = treeText(node.tree);
  const statement = statementOf(node);
  // `let x = // SAFETY: …` with the block on the next line: the comments right in front of the block, inside its statement.
  // Only a comment that opens with it: `// not a SAFETY: comment` is not one.
  const trailing = TRAILING_COMMENTS.exec(text.slice(statement.startIndex, node.startIndex))?.[0].match(COMMENTS) ?? [];
  if (trailing.some((c) => /^\/[/*]+\s*SAFE(TY)?\s*:/i.test(c))) return true;
  const starts = new Set([node.startIndex, statement.startIndex]);
  for (const start of starts) {
    const lineStart = lineStartAt(text, start);
    if ((text.slice(lineStart, start).match(COMMENTS) ?? []).some((c) => SAFETY.test(c))) return true;
    for (let end = lineStart - 1, guard = 0; end > 0 && guard < 200; guard++) {
      const begin = lineStartAt(text, end);
      const line = text.slice(begin, end);
      // Blank lines between the comment and the code keep it the code's, as clippy reads it.
      if (!COMMENT_LINE.test(line) && /\S/.test(line)) break;
      if (SAFETY.test(line)) return true;
      end = begin - 1;
    }
  }
  // The first statement of a macro call's body (`foo!(unsafe { .. })`) is documented above the call.
  const host = macroHostOf(node.tree);
  if (host?.host.type === 'macro_invocation' && !/\S/.test(text.slice(host.offset, Math.max(host.offset, statementOf(node).startIndex)))) return documented(host.host);
  return false;
}

/**
 * Blocks whose soundness argument is already written where a reader looks: the whole body of an
 * `unsafe fn` (edition 2024 wants the block; the fn's callers carry its contract), and one call under a
 * runtime CPU feature check (`if is_x86_feature_detected!("avx2") { unsafe { dot_avx2(a, b) } }`), the
 * one precondition of a `#[target_feature]` fn.
 */
function contractStatedElsewhere(block: Node): boolean {
  const code = (n: Node | null | undefined) => (n?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'line_comment' && c.type !== 'block_comment');
  const statement = block.parent?.type === 'expression_statement' ? block.parent : block;
  const fnBody = statement.parent;
  const fn = fnBody?.type === 'block' ? fnBody.parent : null;
  if (fn?.type === 'function_item' && code(fnBody).length === 1 && fn.children.some((c) => c?.type === 'function_modifiers' && /\bunsafe\b/.test(c.text))) return true;
  const inner = code(block.namedChildren.find((c) => c?.type === 'block') ?? block);
  if (inner.length !== 1 || !/^(?:call_expression|unary_expression)$/.test(inner[0].type)) return false;
  // Up to the `if` whose then-branch holds it (not its else).
  for (let child = block, n = block.parent, guard = 0; n && guard < 4 && n.type !== 'function_item'; child = n, n = n.parent, guard++) {
    if (n.type === 'if_expression') return n.childForFieldName('consequence')?.id === child.id && /\bis_\w+_feature_detected\s*!/.test(n.childForFieldName('condition')?.text ?? '');
  }
  return false;
}

/** `unsafe {` followed by a SAFETY comment as the block's first lines. */
function documentedInside(block: Node): boolean {
  const body = block.namedChildren.find((c) => c?.type === 'block') ?? block;
  for (const child of body.namedChildren) {
    if (!child || (child.type !== 'line_comment' && child.type !== 'block_comment')) return false;
    if (SAFETY.test(child.text)) return true;
  }
  return false;
}
