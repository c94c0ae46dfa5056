import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { type Binding, enclosingStatement, isOwnedInitializer, mentions, resolveBinding, runsOncePer, wordPattern } from './util/bindings';
import { callOfTail } from './util/spans';
import { asMethodCall, methodTail } from './util/syntax';

/** A type alias named for a borrow (`PayloadKeyTypeRef = &'a JsonPath`): its clone is the owned copy, nothing to move. */
const REFERENCE_ALIAS = /^(?:\w+::)*\w+Ref(?:<[^>]*>)?$/;
const KEYWORDS = new Set(['let', 'mut', 'ref', 'if', 'else', 'match', 'for', 'in', 'while', 'loop', 'return', 'break', 'continue', 'fn', 'as', 'move', 'async', 'await', 'unsafe', 'true', 'false', 'where', 'impl', 'dyn', 'use', 'const', 'static', 'struct', 'enum', 'type', 'crate', 'super', '_']);

/** Code with its comments blanked (strings and char literals kept: `"{x}"` uses `x`, `"http://"` is no comment). */
function withoutComments(text: string): string {
  return text.replace(/'(?:\\.|[^'\\])'|"(?:\\.|[^"\\])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('/') ? ' ' : m));
}

/** Local names a chunk of code mentions (not method, field or path segments, macro or fn names, strings, comments). */
function localNames(text: string): string[] {
  const out: string[] = [];
  const code = withoutComments(text).replace(/"(?:\\.|[^"\\])*"/g, '""');
  for (const m of code.matchAll(/(?<![\w.:$'])([a-z_][\w]*)(\s*[!(]|::)?/g)) {
    if (!m[2] && !KEYWORDS.has(m[1]) && !isFieldLabel(code, m.index!, m[1])) out.push(m[1]);
  }
  return out;
}

/**
 * The statements between `binding`'s declaration and `stmt` (on the way from the function body down
 * to `stmt`), each a chunk of text: where a borrow of the binding could have been taken.
 */
function codeBetween(binding: Exclude<Binding, { kind: 'pattern' }>, stmt: Node): Node[] {
  const chunks: Node[] = [];
  let child = stmt;
  for (let a = stmt.parent; a; child = a, a = a.parent) {
    if (a.type === 'block') {
      for (let s = child.previousNamedSibling; s && s.endIndex > binding.decl.endIndex; s = s.previousNamedSibling) if (!bindsPlainValue(s)) chunks.push(s);
    }
    if (a.id === binding.scope.id) break;
  }
  return chunks;
}

/** Methods whose result holds no borrow of the receiver: a `let` of one cannot keep `x` borrowed. */
const PLAIN_RESULTS = new Set(['len', 'is_empty', 'capacity', 'count', 'to_string', 'to_owned', 'to_vec', 'clone', 'contains', 'contains_key', 'starts_with', 'ends_with', 'is_some', 'is_none', 'is_ok', 'is_err']);

/** `name` in `S { name: value }` labels a field: it is not the local `name`. */
function isFieldLabel(code: string, at: number, name: string): boolean {
  return /^\s*:(?!:)/.test(code.slice(at + name.length)) && /[{,]\s*$/.test(code.slice(Math.max(0, at - 200), at));
}

/**
 * False when every use of `name` in `code` is a call like `name.clone()` or `name.len()`, which keeps
 * no borrow (a field label `name: …` in a struct literal is no use).
 */
function borrowsFrom(code: string, name: string): boolean {
  const uses = [...code.matchAll(wordPattern(name, 'g'))].filter((m) => !isFieldLabel(code, m.index!, name)).length;
  const plain = [...code.matchAll(new RegExp(`${wordPattern(name).source}\\s*\\.\\s*(\\w+)\\s*\\(`, 'g'))].filter((m) => PLAIN_RESULTS.has(m[1])).length;
  return uses > plain;
}

/** A later statement of `stmt`'s block that is a `let` binding `name` again. */
function shadowingLet(stmt: Node, name: string): Node | undefined {
  for (let s = stmt.nextNamedSibling; s; s = s.nextNamedSibling) {
    const pattern = s.type === 'let_declaration' ? s.childForFieldName('pattern') : null;
    if (pattern && (pattern.type === 'identifier' ? pattern.text === name : localNames(pattern.text).includes(name))) return s;
  }
  return undefined;
}

/** Names bound by a `let` inside a chunk's blocks: they end with their block, so no borrow they hold outlives it. */
function blockLocals(chunk: Node): Set<string> {
  const lets = chunk.descendantsOfType('let_declaration').filter((d) => d && d.id !== chunk.id);
  return new Set(lets.flatMap((d) => localNames(d!.childForFieldName('pattern')?.text ?? '')));
}

function bindsPlainValue(stmt: Node): boolean {
  const value = stmt.type === 'let_declaration' ? stmt.childForFieldName('value') : null;
  const m = value && asMethodCall(value);
  return !!m && PLAIN_RESULTS.has(m.name);
}

/** What copies a value: `clone()`, and on a `String` its `to_string()` and `to_owned()`. */
const COPIES = new Set(['clone', 'to_string', 'to_owned']);

/** A binding declared `String`, or built as one: `String::from(..)`/`new()`/`with_capacity(..)`, `format!(..)`, `x.to_string()`. */
function holdsString(b: Exclude<Binding, { kind: 'pattern' }>): boolean {
  if (b.type) return /^(?:(?:::)?(?:std|alloc)::string::)?String$/.test(b.type.text);
  const value = b.kind === 'let' ? b.value : undefined;
  if (value?.type === 'macro_invocation') return /^(?:(?:std|alloc)::)?format$/.test(value.childForFieldName('macro')?.text ?? '');
  const fn = value?.type === 'call_expression' ? value.childForFieldName('function') : undefined;
  if (fn?.type === 'scoped_identifier') return fn.childForFieldName('path')?.text === 'String' && /^(?:from|new|with_capacity)$/.test(fn.childForFieldName('name')?.text ?? '');
  return fn?.type === 'field_expression' && fn.childForFieldName('field')?.text === 'to_string';
}

/**
 * `x.clone()` (or `x.to_string()` of a `String`) where `x` is an owned local or by-value parameter that nothing uses afterwards, and
 * that nothing borrowed from `x` outlives: moving `x` instead compiles and saves the copy.
 */
function isRedundantClone(call: Node): boolean {
  const m = asMethodCall(call);
  if (!m || !COPIES.has(m.name) || m.args.length || m.receiver.type !== 'identifier') return false;
  const name = m.receiver.text;
  const b = resolveBinding(m.receiver);
  if (!b || b.kind === 'pattern' || !b.fn) return false;
  // `to_string()`/`to_owned()` copy a `String` as `clone()` does; on another type they convert.
  if (m.name !== 'clone' && !holdsString(b)) return false;
  // Known to hold an owned, non-Copy value (Copy types are clone_on_copy's business).
  const owned = b.type ? b.type.type !== 'reference_type' && b.type.type !== 'primitive_type' && b.type.type !== 'pointer_type' && !REFERENCE_ALIAS.test(b.type.text) : b.kind === 'let' && !!b.value && isOwnedInitializer(b.value);
  if (!owned || !runsOncePer(call, b.scope)) return false;
  const body = b.fn.childForFieldName('body');
  const stmt = enclosingStatement(call);
  if (!body || !stmt) return false;
  const text = body.text;
  const at = (n: number) => n - body.startIndex;
  const shadow = shadowingLet(stmt, name);
  // Past the end of its block the binding is gone: the same name there is another value.
  const end = at(b.scope.endIndex);
  // After a `let` that rebinds the name, the name is another value: only its initializer can still use `x`.
  const after = shadow
    ? `${text.slice(at(call.endIndex), at(shadow.startIndex))} ${shadow.childForFieldName('value')?.text ?? ''} ${text.slice(at(stmt.parent!.endIndex), end)}`
    : text.slice(at(call.endIndex), end);
  const later = withoutComments(`${text.slice(at(stmt.startIndex), at(call.startIndex))} ${after}`);
  if (mentions(later, name)) return false;
  // Names that may hold a borrow of `x`: whatever shares a statement with it (transitively) before the clone.
  const between = codeBetween(b, stmt);
  const tainted = new Set([name]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const chunk of between) {
      const names = localNames(chunk.text);
      if (!names.some((n) => tainted.has(n) && borrowsFrom(chunk.text, n))) continue;
      const local = blockLocals(chunk);
      for (const n of names) if (!tainted.has(n) && !local.has(n)) (tainted.add(n), (grew = true));
    }
  }
  tainted.delete(name);
  return ![...tainted].some((n) => mentions(later, n));
}

export const redundantClone: Rule = {
  id: 'redundant_clone',
  severity: 'info',
  section: 'Core ownership patterns prevent 70% of memory bugs but introduce borrow checker battles',
  summary: '`x.clone()` of a local that is never used again: move it instead of copying it',
  allowedInTests: true,
  clippy: ['redundant_clone'],
  docs: {
    what: 'Flags `x.clone()` (and `x.to_string()` or `x.to_owned()` where `x` is a `String`) where `x` is a local binding or a by-value parameter holding an owned value, the clone is not inside a loop or closure, and `x` is not used anywhere after it in its block.',
    why:
      'Cloning to get past the borrow checker is the most common ownership mistake, and this is its purest form: the original is ' +
      'dropped unused right after being copied. A `String` or `Vec` clone means a new heap allocation plus a copy of every byte ' +
      '(1–5 ms for a megabyte, depending on the allocator), in a hot path every time it runs. Since nothing reads `x` afterwards, ' +
      'moving it gives the callee the very same value for free.',
    example: [
      '# use std::collections::HashMap;',
      '# struct User;',
      'fn register(users: &mut HashMap<String, User>, name: String, user: User) {',
      '    users.insert(name.clone(), user);',
      '}',
    ].join('\n'),
    instead: [
      '# use std::collections::HashMap;',
      '# struct User;',
      'fn register(users: &mut HashMap<String, User>, name: String, user: User) {',
      '    users.insert(name, user);',
      '}',
    ].join('\n'),
  },
  mentions: ['clone', 'to_string', 'to_owned'],
  visit: {
    call_expression(node, ctx) {
      if (!isRedundantClone(node)) return;
      const m = asMethodCall(node)!;
      const x = m.receiver.text;
      ctx.report(methodTail(m), `\`${x}\` is not used after \`${x}.${m.name}()\`: move \`${x}\` instead of copying it.`);
    },
  },
  fix: {
    availability: 'always',
    safety: 'safe',
  },
  fixes(finding, ctx) {
    const call = callOfTail(ctx.node, finding);
    if (!call || !isRedundantClone(call)) return [];
    const receiver = asMethodCall(call)!.receiver;
    return [{ title: `Move \`${receiver.text}\` instead of cloning it`, edits: [{ start: receiver.endIndex, end: call.endIndex, newText: '' }], safe: true, preferred: true }];
  },
};
