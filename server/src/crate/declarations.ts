import type { Node, Tree } from 'web-tree-sitter';
import { isTestAttribute, precedingAttributes } from '../analysis/attributes';
import { collectUses, isAsyncFn, runtimeEntry } from '../analysis/facts';
import { isPub } from '../rules/util/types';

/** `mod x;`: a module whose body is another file. */
export interface ModDecl {
  name: string;
  /** The inline modules of this file it is declared in (`mod a { mod x; }` gives `['a']`). */
  within: string[];
  /** `#[path = "…"]`, as written. */
  path?: string;
  /** Under `#[cfg(test)]`, on itself or on an inline module around it. */
  test: boolean;
  pub: boolean;
}

/** An item the module declares, for the public-API question. */
export interface ItemDecl {
  name: string;
  within: string[];
  kind: 'fn' | 'type' | 'mod' | 'other';
  /** Plain `pub` (not `pub(crate)`). */
  pub: boolean;
}

/** One name a `pub use` brings in: `path` as written (`inner::Thing`, `self::inner::*`), `alias` what it is called here (`*` for a glob). */
export interface UseDecl {
  within: string[];
  path: string;
  alias: string;
}

/** What one file declares, as far as the crate model cares: declarations only, nothing inside fn bodies but timeout builders. */
export interface FileDeclarations {
  mods: ModDecl[];
  items: ItemDecl[];
  pubUses: UseDecl[];
  asyncFns: string[];
  syncFns: string[];
  timeouts: {
    /** Fns returning a client or pool they build with a timeout. */
    fns: string[];
    fields: string[];
    statics: string[];
    /** `field ← fn`: a field initialised by calling a fn, which another file may show builds with a timeout. */
    fieldsFromFns: [string, string][];
    timedClients: number;
    untimedClients: number;
  };
}

/** A client or pool given a deadline: `Client::builder().timeout(d)`, sqlx's `.acquire_timeout(d)`. */
export const TIMEOUT_CALL = /\.\s*(?:timeout|connect_timeout|read_timeout|acquire_timeout)\s*\(/;
/** Building an HTTP client or a database pool. */
const BUILDS_CLIENT = /\b(?:Client::builder|ClientBuilder::new|\w*PoolOptions(?:::<[^>]*>)?::new|Pool::builder)\s*\(/;
const REQWEST_BUILDER = /\b(?:Client::builder|ClientBuilder::new)\s*\(/g;
/** `reqwest::Client::new()` / `Client::default()`: no timeout at all. */
const REQWEST_PLAIN = /\b(?:reqwest::)?Client::(?:new|default)\s*\(\s*\)/g;
/** A `mod x;` written inside a macro's tokens (`cfg_if! { if #[cfg(unix)] { mod unix; } }`), with its attributes. */
const MOD_IN_TOKENS = /((?:#\s*\[[^\]]*\]\s*)*)(pub\s*(?:\([^)]*\)\s*)?)?\bmod\s+(?:r#)?([A-Za-z_]\w*)\s*;/g;
const PATH_ATTRIBUTE = /#\s*\[\s*path\s*=\s*"((?:[^"\\]|\\.)*)"\s*\]/;

/** Reads a file's declarations from its tree. */
export function fileDeclarations(tree: Tree): FileDeclarations {
  const out: FileDeclarations = { mods: [], items: [], pubUses: [], asyncFns: [], syncFns: [], timeouts: { fns: [], fields: [], statics: [], fieldsFromFns: [], timedClients: 0, untimedClients: 0 } };
  readList(tree.rootNode, [], false, out);
  return out;
}

function readList(list: Node, within: string[], test: boolean, out: FileDeclarations): void {
  for (const item of list.namedChildren) {
    if (!item) continue;
    switch (item.type) {
      case 'mod_item': {
        const name = item.childForFieldName('name')?.text;
        if (!name) break;
        const attributes = precedingAttributes(item).map((a) => a.text);
        const inTest = test || attributes.some(isTestAttribute);
        const pub = isPub(item);
        const body = item.childForFieldName('body');
        out.items.push({ name, within, kind: 'mod', pub });
        if (body) readList(body, [...within, name], inTest, out);
        else out.mods.push({ name, within, path: attributes.map((a) => PATH_ATTRIBUTE.exec(a)?.[1]).find((p) => p !== undefined), test: inTest, pub });
        break;
      }
      case 'function_item':
      case 'function_signature_item':
        readFn(item, within, out);
        break;
      case 'impl_item':
      case 'trait_item': {
        if (item.type === 'trait_item') addItem(item, within, 'type', out);
        const body = item.childForFieldName('body');
        for (const member of body?.namedChildren ?? []) if (member && (member.type === 'function_item' || member.type === 'function_signature_item')) readFn(member, undefined, out);
        break;
      }
      case 'struct_item':
      case 'enum_item':
      case 'union_item':
      case 'type_item':
        addItem(item, within, 'type', out);
        break;
      case 'static_item':
      case 'const_item': {
        addItem(item, within, 'other', out);
        const name = item.childForFieldName('name')?.text;
        const value = item.childForFieldName('value')?.text ?? '';
        if (name && TIMEOUT_CALL.test(value) && BUILDS_CLIENT.test(value)) out.timeouts.statics.push(name);
        countClients(value, out);
        break;
      }
      case 'use_declaration':
        if (isPub(item)) readPubUse(item, within, out);
        break;
      case 'macro_invocation':
        readModsInTokens(item, within, test, out);
        break;
    }
  }
}

function addItem(item: Node, within: string[], kind: ItemDecl['kind'], out: FileDeclarations): void {
  const name = item.childForFieldName('name')?.text;
  if (name) out.items.push({ name, within, kind, pub: isPub(item) });
}

/** A fn: its name as async or sync, as an item of its module (`within`; methods have none), and the timeout builders in it. */
function readFn(fn: Node, within: string[] | undefined, out: FileDeclarations): void {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return;
  (isAsyncFn(fn) && !runtimeEntry(fn) ? out.asyncFns : out.syncFns).push(name);
  if (within) out.items.push({ name, within, kind: 'fn', pub: isPub(fn) });
  const body = fn.childForFieldName('body');
  const text = body?.text;
  if (!body || !text || !/Client|Pool|timeout/.test(text)) return;
  countClients(text, out);
  const ret = fn.childForFieldName('return_type')?.text ?? '';
  if (/Client|Pool/.test(ret) && TIMEOUT_CALL.test(text) && BUILDS_CLIENT.test(text)) out.timeouts.fns.push(name);
  readTimedFields(body, out);
}

/** Fields of struct literals given a client or pool built with a timeout, directly or through a `let` of the same fn. */
function readTimedFields(body: Node, out: FileDeclarations): void {
  const lets = new Map<string, string>();
  for (const l of body.descendantsOfType('let_declaration')) {
    const pattern = l?.childForFieldName('pattern')?.text.replace(/^mut\s+/, '');
    const value = l?.childForFieldName('value')?.text;
    if (pattern && value) lets.set(pattern, value);
  }
  const timed = (value: string) => TIMEOUT_CALL.test(value) && BUILDS_CLIENT.test(value);
  for (const f of body.descendantsOfType(['field_initializer', 'shorthand_field_initializer'])) {
    if (!f) continue;
    const field = f.type === 'field_initializer' ? f.childForFieldName('field')?.text : f.namedChild(0)?.text;
    const value = f.type === 'field_initializer' ? f.childForFieldName('value') : f.namedChild(0);
    if (!field || !value) continue;
    const text = value.type === 'identifier' ? (lets.get(value.text) ?? '') : value.text;
    if (timed(text)) out.timeouts.fields.push(field);
    else {
      // `http: make_client()` or `let http = make_client()?;`: decided once every file is read.
      const callee = /^(?:[\w:]+::)?(\w+)\s*\(/.exec(text)?.[1];
      if (callee) out.timeouts.fieldsFromFns.push([field, callee]);
    }
  }
}

function countClients(text: string, out: FileDeclarations): void {
  if (!text.includes('Client')) return;
  const builders = text.match(REQWEST_BUILDER)?.length ?? 0;
  const timeouts = text.match(new RegExp(TIMEOUT_CALL.source, 'g'))?.length ?? 0;
  const timed = Math.min(builders, timeouts);
  out.timeouts.timedClients += timed;
  out.timeouts.untimedClients += builders - timed + (text.match(REQWEST_PLAIN)?.length ?? 0);
}

function readPubUse(use: Node, within: string[], out: FileDeclarations): void {
  const arg = use.childForFieldName('argument');
  if (!arg) return;
  if (arg.type === 'use_wildcard') {
    out.pubUses.push({ within, path: arg.text.replace(/\s+/g, ''), alias: '*' });
    return;
  }
  const pairs: [string, string][] = [];
  collectUses(arg, pairs);
  for (const [alias, path] of pairs) out.pubUses.push({ within, path, alias });
}

function readModsInTokens(macro: Node, within: string[], test: boolean, out: FileDeclarations): void {
  const text = macro.text;
  if (!/\bmod\s/.test(text)) return;
  for (const m of text.matchAll(MOD_IN_TOKENS)) {
    const attributes = m[1].match(/#\s*\[[^\]]*\]/g) ?? [];
    out.mods.push({ name: m[3], within, path: attributes.map((a) => PATH_ATTRIBUTE.exec(a)?.[1]).find((p) => p !== undefined), test: test || attributes.some(isTestAttribute), pub: !!m[2] && /^pub\s*$/.test(m[2]) });
  }
}
