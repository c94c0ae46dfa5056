import type { Position, Range } from 'vscode-languageserver-textdocument';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser, Point } from 'web-tree-sitter';

/** One edit of a typing session, in UTF-16 offsets of the text it applies to. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** An edit with everything the consumers need precomputed, so timing covers only their work. */
export interface PreparedEdit extends Edit {
  range: Range;
  startPoint: Point;
  oldEndPoint: Point;
  newEndPoint: Point;
}

// What a developer types into a function body: identifiers, calls, a panic-prone unwrap, a branch.
const STATEMENTS = [
  'let retries = self.config.get("retries").unwrap().parse::<u32>().unwrap_or(3);',
  'if retries > limit { return Err(Error::too_many(retries, limit)); }',
];

// A 20-line block pasted in one go, then undone.
const PASTE = [
  'let mut pending = Vec::with_capacity(batch.len());',
  'for (index, item) in batch.iter().enumerate() {',
  '    match item.state {',
  '        State::Ready => pending.push(index),',
  '        State::Waiting(ref reason) => {',
  '            log::debug!("item {} waits: {}", index, reason);',
  '            continue;',
  '        }',
  '        State::Failed => {',
  '            let error = item.error.clone().unwrap();',
  '            return Err(error);',
  '        }',
  '    }',
  '}',
  'let total: usize = pending.iter().map(|i| batch[*i].len()).sum();',
  'if total == 0 {',
  '    return Ok(None);',
  '}',
  'let first = pending.first().copied().expect("non-empty");',
  'Ok(Some((first, total)))',
];

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '"': '"' };

/**
 * A realistic session on `sites` function bodies of the file (spread over it): Enter, a statement
 * typed character by character, Enter, a second one, twelve backspaces and the same characters
 * typed again, a 20-line paste and its undo, and finally the typed lines removed in one edit so the
 * file ends as it started. With `autoClose`, typing auto-closes brackets and quotes and types over
 * the closer, as VS Code does by default; without, every bracket stays open until it is typed, as in
 * Neovim or Helix (and as pastes and deletes leave it), which makes tree-sitter restructure the rest
 * of the file. Backspaces are plain. Sites are visited bottom-up so earlier offsets stay valid.
 */
export function typingSession(parser: Parser, text: string, sites = 3, autoClose = true): Edit[] {
  const edits: Edit[] = [];
  for (const { offset, indent } of bodySites(parser, text, sites).reverse()) {
    let cursor = offset;
    // Closers the editor inserted ahead of the cursor, innermost last (their offsets move with typing).
    let closers: { at: number; ch: string }[] = [];
    const insert = (s: string) => {
      edits.push({ start: cursor, end: cursor, text: s });
      for (const c of closers) c.at += s.length;
      cursor += s.length;
    };
    const type = (s: string) => {
      for (const ch of s) {
        const ahead = closers[closers.length - 1];
        if (ahead && ahead.at === cursor && ahead.ch === ch) {
          // Typing over the auto-inserted closer replaces it.
          edits.push({ start: cursor, end: cursor + 1, text: ch });
          cursor++;
          closers.pop();
        } else if (autoClose && CLOSERS[ch]) {
          edits.push({ start: cursor, end: cursor, text: ch + CLOSERS[ch] });
          for (const c of closers) c.at += 2;
          closers.push({ at: cursor + 1, ch: CLOSERS[ch] });
          cursor++;
        } else insert(ch);
      }
    };
    insert(`\n${indent}`);
    type(STATEMENTS[0]);
    insert(`\n${indent}`);
    type(STATEMENTS[1]);
    closers = [];
    const tail = STATEMENTS[1].slice(-12);
    for (let i = 0; i < tail.length; i++) {
      edits.push({ start: cursor - 1, end: cursor, text: '' });
      cursor--;
    }
    type(tail);
    const block = PASTE.map((l) => `\n${indent}${l}`).join('');
    edits.push({ start: cursor, end: cursor, text: block });
    edits.push({ start: cursor, end: cursor + block.length, text: '' });
    edits.push({ start: offset, end: cursor, text: '' });
  }
  return edits;
}

/** Just after the `{` of `count` function bodies spread evenly over the file, with their indentation. */
function bodySites(parser: Parser, text: string, count: number): { offset: number; indent: string }[] {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const bodies = tree.rootNode
      .descendantsOfType('function_item')
      .map((f) => f?.childForFieldName('body'))
      .filter((b): b is NonNullable<typeof b> => !!b && b.type === 'block' && b.namedChildCount > 0);
    if (!bodies.length) throw new Error('no function bodies to type into');
    const picks = Array.from({ length: count }, (_, i) => bodies[Math.floor(((i + 0.5) * bodies.length) / count)]);
    return [...new Set(picks)].map((b) => {
      const lineStart = text.lastIndexOf('\n', b.startIndex) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, b.startIndex))![0] + '    ';
      return { offset: b.startIndex + 1, indent };
    });
  } finally {
    tree.delete();
  }
}

/** Adds LSP ranges and tree-sitter points (UTF-16 columns, as the server computes them). */
export function prepare(text: string, edits: readonly Edit[]): PreparedEdit[] {
  const doc = TextDocument.create('file:///prepare.rs', 'rust', 0, text);
  const point = (p: Position): Point => ({ row: p.line, column: p.character });
  return edits.map((e, i) => {
    const start = doc.positionAt(e.start);
    const end = doc.positionAt(e.end);
    TextDocument.update(doc, [{ range: { start, end }, text: e.text }], i + 1);
    return { ...e, range: { start, end }, startPoint: point(start), oldEndPoint: point(end), newEndPoint: point(doc.positionAt(e.start + e.text.length)) };
  });
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}
