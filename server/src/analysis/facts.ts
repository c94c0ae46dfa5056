import type { Node } from 'web-tree-sitter';
import { allowedLints, declaredMsrv, precedingAttributes } from './attributes';

/**
 * File-wide facts that rules consult beyond the item they look at. Each analysis unit contributes
 * its part; when the merged facts change, every unit is analysed again.
 */
export interface FileFacts {
  /** Local name → full path, from `use` declarations (`fs` → `std::fs`). */
  uses: Map<string, string>;
  /** Names of the async fns and methods declared in the file (not runtime entry points like `#[tokio::main]`). */
  asyncFns: Set<string>;
  /** Names of the structs declared in the file. */
  structs: Set<string>;
  /** Struct name → the types its fields hold by value (`Manager { base: Employee }` gives `Employee`). */
  embeds: Map<string, Set<string>>;
  /** Lints allowed crate-wide by `#![allow(..)]` at the top of the file. */
  crateAllows: Set<string>;
  /** The MSRV `#![clippy::msrv = "1.60"]` at the top of the file declares, as written. */
  msrv?: string;
}

/** What one unit contributes, kept in its cache record. */
export interface UnitFacts {
  uses: [string, string][];
  asyncFns: string[];
  structs: string[];
  embeds: [string, string][];
  crateAllows: string[];
  msrv?: string;
}

/** What a unit with no `use`, fn or struct of its own contributes (a comment). */
export const NO_FACTS: UnitFacts = { uses: [], asyncFns: [], structs: [], embeds: [], crateAllows: [] };

/** Collects the facts a unit's own code states (not those of nested units). */
export function unitFacts(unit: Node, nodes: readonly Node[]): UnitFacts {
  if (unit.type === 'inner_attribute_item') {
    if (unit.parent?.type !== 'source_file') return NO_FACTS;
    const msrv = declaredMsrv(unit.text);
    return { ...NO_FACTS, crateAllows: allowedLints(unit.text), ...(msrv === undefined ? {} : { msrv }) };
  }
  const facts: UnitFacts = { uses: [], asyncFns: [], structs: [], embeds: [], crateAllows: [] };
  for (const n of nodes) {
    switch (n.type) {
      case 'use_declaration': {
        const arg = n.childForFieldName('argument');
        if (arg) collectUses(arg, facts.uses);
        break;
      }
      case 'function_item':
      case 'function_signature_item':
        if (isAsyncFn(n) && !runtimeEntry(n)) {
          const name = n.childForFieldName('name')?.text;
          if (name) facts.asyncFns.push(name);
        }
        break;
      case 'struct_item': {
        const name = n.childForFieldName('name')?.text;
        if (name) facts.structs.push(name);
        if (name) for (const t of fieldTypesByValue(n)) facts.embeds.push([name, t]);
        break;
      }
    }
  }
  return facts;
}

/** `#[tokio::main]`, `#[async_std::main]`, `#[tokio::test]`…: the macro turns the async fn into a plain one. */
export function runtimeEntry(fn: Node): boolean {
  return precedingAttributes(fn).some((a) => /^#\[\s*(?:\w+::)+(?:main|test)\b/.test(a.text));
}

/** The type names a struct's fields hold directly (`Employee`, `Vec`), not behind `&`, `*` or `dyn`. */
function fieldTypesByValue(struct: Node): string[] {
  const body = struct.childForFieldName('body');
  const types = body?.type === 'field_declaration_list' ? body.namedChildren.map((f) => f?.childForFieldName('type')) : (body?.namedChildren ?? []);
  const out: string[] = [];
  for (const t of types) {
    const base = t?.type === 'generic_type' ? t.childForFieldName('type') : t;
    if (base?.type === 'type_identifier' || base?.type === 'scoped_type_identifier') out.push(lastSegment(base.text.replace(/\s+/g, '')));
  }
  return out;
}

export function isAsyncFn(fn: Node): boolean {
  for (const c of fn.children) {
    if (c?.type === 'function_modifiers') return c.children.some((m) => m?.type === 'async');
    if (c?.type === 'fn') return false;
  }
  return false;
}

/** Expands a use tree (`std::{fs::{self, File}, io as stdio}`) into local-name → path pairs. */
export function collectUses(root: Node, out: [string, string][]): void {
  const stack: [Node, string][] = [[root, '']];
  while (stack.length) {
    const [node, prefix] = stack.pop()!;
    const join = (p: string) => (prefix ? `${prefix}::${p}` : p);
    switch (node.type) {
      case 'identifier':
      case 'scoped_identifier': {
        const path = join(node.text.replace(/\s+/g, ''));
        out.push([lastSegment(path), path]);
        break;
      }
      case 'self':
        if (prefix) out.push([lastSegment(prefix), prefix]);
        break;
      case 'use_as_clause': {
        const path = node.childForFieldName('path');
        const alias = node.childForFieldName('alias');
        if (path && alias && alias.text !== '_') out.push([alias.text, join(path.text.replace(/\s+/g, ''))]);
        break;
      }
      case 'scoped_use_list': {
        const path = node.childForFieldName('path');
        const list = node.childForFieldName('list');
        if (list) stack.push([list, path ? join(path.text.replace(/\s+/g, '')) : prefix]);
        break;
      }
      case 'use_list':
        for (const c of node.namedChildren) if (c) stack.push([c, prefix]);
        break;
    }
  }
}

function lastSegment(path: string): string {
  const i = path.lastIndexOf('::');
  return i < 0 ? path : path.slice(i + 2);
}

export function mergeFacts(parts: Iterable<UnitFacts>): FileFacts {
  const facts: FileFacts = { uses: new Map(), asyncFns: new Set(), structs: new Set(), embeds: new Map(), crateAllows: new Set() };
  for (const p of parts) {
    for (const [name, path] of p.uses) facts.uses.set(name, path);
    for (const n of p.asyncFns) facts.asyncFns.add(n);
    for (const n of p.structs) facts.structs.add(n);
    for (const [s, t] of p.embeds) facts.embeds.set(s, (facts.embeds.get(s) ?? new Set()).add(t));
    for (const n of p.crateAllows) facts.crateAllows.add(n);
    if (p.msrv !== undefined) facts.msrv = p.msrv;
  }
  return facts;
}

/** A string that changes exactly when the merged facts change. */
export function factsKey(f: FileFacts): string {
  const uses = [...f.uses].map(([a, b]) => `${a}=${b}`).sort();
  return [uses.join(';'), [...f.asyncFns].sort().join(','), [...f.structs].sort().join(','), [...f.embeds].map(([s, t]) => `${s}>${[...t].sort()}`).sort().join(','), [...f.crateAllows].sort().join(','), f.msrv ?? ''].join('|');
}

/**
 * Resolves a path as written (`fs::read`, `LinkedList::new`) through the file's `use`s to its full
 * path (`std::fs::read`, `std::collections::LinkedList::new`). A leading `::` is dropped.
 */
export function resolvePath(facts: FileFacts, written: string): string {
  const path = written.replace(/\s+/g, '').replace(/^::/, '');
  const i = path.indexOf('::');
  const head = i < 0 ? path : path.slice(0, i);
  const full = facts.uses.get(head);
  if (!full) return path;
  return i < 0 ? full : full + path.slice(i);
}
