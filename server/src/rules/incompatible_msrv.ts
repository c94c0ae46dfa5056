import type { Node } from 'web-tree-sitter';
import { gatesOnVersion, precedingAttributes } from '../analysis/attributes';
import { versionBelow } from '../analysis/crateFacts';
import type { Rule } from '../analysis/rule';
import type { RuleContext } from '../analysis/ruleContext';
import { type RustFeature, STD_ITEMS, STD_METHODS, SYNTAX, versionText } from './util/rustVersions';
import { asMethodCall } from './util/syntax';

/** The last segments of `STD_ITEMS`' paths: a path ending otherwise is not looked up. */
const ITEM_NAMES = new Set([...STD_ITEMS.keys()].map((p) => p.slice(p.lastIndexOf(':') + 1)));
const FORMAT_MACROS = new Set(['format', 'print', 'println', 'eprint', 'eprintln', 'write', 'writeln', 'format_args']);
/** `{name}` or `{name:…}` in a format string: an implicit capture unless a `name = …` argument follows. */
const PLACEHOLDER = /(?<!\{)(?:\{\{)*\{([A-Za-z_][A-Za-z0-9_]*)(?=[}:])/g;

export const incompatibleMsrv: Rule = {
  id: 'incompatible_msrv',
  severity: 'warning',
  section: 'Compile-time optimizations enable production performance',
  summary: 'Code that needs a newer Rust than the MSRV the crate declares (`rust-version`, clippy.toml, `#[clippy::msrv]`)',
  allowedInTests: true,
  clippy: ['incompatible_msrv'],
  docs: {
    what:
      'Flags code that needs a newer Rust than the MSRV it is held to, which is read as clippy reads it: the nearest ' +
      '`#[clippy::msrv = "…"]` on the code or around it, the file\'s `#![clippy::msrv = "…"]`, the `msrv` of the clippy.toml ' +
      'found from the package up, else Cargo.toml\'s `rust-version` (its own or `rust-version.workspace = true`). What it knows ' +
      'needs a newer Rust: `let … else` (1.65), let chains (1.88), `async fn` and `-> impl Trait` in traits (1.75), ' +
      'generic associated types (1.65), inline `const` blocks (1.79), exclusive range patterns (1.80), `async` closures ' +
      '(1.85), `#[expect]` (1.81; on statements, fields and arms and as `#![expect]`, not yet in front of items), captured ' +
      'identifiers in format strings (1.58), ' +
      'and std items by path: `OnceLock`/`OnceCell` (1.70), `LazyLock`/`LazyCell` (1.80), `mem::take` (1.40), ' +
      '`thread::scope` (1.63), `io::Error::other` (1.74), `iter::repeat_n` (1.82) and a few more, with `is_some_and`/' +
      '`is_ok_and` (1.70), `is_none_or` (1.82) and `bool::then_some` (1.62). Like clippy\'s `incompatible_msrv` it leaves ' +
      'tests alone, and code behind a `#[cfg]` that is not about the platform (a build script\'s version probe such as ' +
      '`#[cfg(has_once_lock)]`, a `nightly` or `rust_1_80` feature) or under `#[rustversion::…]`. It reads syntax and paths ' +
      'only, not types: a method is named only when no other crate\'s trait is known to share its name.',
    why:
      'The `rust-version` in Cargo.toml is a promise to the crate\'s users: cargo refuses to build the crate on an older ' +
      'compiler with a clear message instead of failing deep in the code, and (since 1.84) picks dependency versions that fit it. When the code ' +
      'quietly needs a newer Rust, users on the declared version get compile errors in a dependency they did not touch, ' +
      'and the MSRV check in CI (if any) is the only thing that would have caught it. Either raise `rust-version` to what ' +
      'the code needs, or write the code the older compiler accepts (`match` instead of `let … else`, `once_cell` ' +
      'instead of `OnceLock`), or put the newer code behind a version-probing `cfg`.',
    rustVersion: '1.60',
    setup: ['use std::collections::HashMap;', 'fn port(env: &HashMap<String, String>) -> Option<u16> {'].join('\n'),
    example: ['// Cargo.toml: rust-version = "1.60"', 'let Some(raw) = env.get("PORT") else {', '    return None;', '};', 'raw.parse().ok()', '# }'].join('\n'),
    instead: ['// Cargo.toml: rust-version = "1.60"', 'let raw = match env.get("PORT") {', '    Some(raw) => raw,', '    None => return None,', '};', 'raw.parse().ok()', '# }'].join('\n'),
  },
  mentions: [
    ...ITEM_NAMES,
    ...STD_METHODS.keys(),
    'async',
    'expect',
    /->\s*impl\b/,
    /\blet\b[^;{}]*\belse\b/,
    /\blet\b[^;{]*&&/,
    /\bconst\s*\{/,
    /\btype\s+\w+\s*</,
    /[\w)]\s*\.\.\s*[\w(-]/,
    /"[^"\n]*\{[A-Za-z_]/,
  ],
  visit: {
    let_declaration(node, ctx) {
      if (node.childForFieldName('alternative')) need(ctx, node.children.find((c) => c?.type === 'else') ?? node, SYNTAX.letElse, node);
    },
    let_chain(node, ctx) {
      need(ctx, node, SYNTAX.letChain);
    },
    closure_expression(node, ctx) {
      const async = node.children.find((c) => c?.type === 'async');
      if (async) need(ctx, async, SYNTAX.asyncClosure, node);
    },
    const_block(node, ctx) {
      need(ctx, node.child(0) ?? node, SYNTAX.constBlock, node);
    },
    range_pattern(node, ctx) {
      const op = node.children.find((c) => c?.type === '..');
      if (op && node.childForFieldName('left') && node.childForFieldName('right')) need(ctx, node, SYNTAX.exclusiveRangePattern);
    },
    function_item(node, ctx) {
      traitFn(node, ctx);
    },
    function_signature_item(node, ctx) {
      traitFn(node, ctx);
    },
    associated_type(node, ctx) {
      if (node.childForFieldName('type_parameters') && inTrait(node)) need(ctx, node, SYNTAX.genericAssociatedType);
    },
    attribute_item(node, ctx) {
      attribute(node, ctx);
    },
    inner_attribute_item(node, ctx) {
      attribute(node, ctx);
    },
    scoped_identifier(node, ctx) {
      stdPath(node, ctx);
    },
    scoped_type_identifier(node, ctx) {
      stdPath(node, ctx);
    },
    use_list(node, ctx) {
      for (const item of node.namedChildren) if (item?.type === 'identifier') stdPath(item, ctx);
    },
    call_expression(node, ctx) {
      const m = asMethodCall(node);
      const feature = m && STD_METHODS.get(m.name);
      if (m && feature) need(ctx, m.nameNode, feature, node);
    },
    macro_invocation(node, ctx) {
      formatCapture(node, ctx);
    },
  },
};

/** Reports `feature` at `at` when the crate promises an older Rust and nothing gates `within` (default `at`). */
function need(ctx: RuleContext, at: Node, feature: RustFeature, within: Node = at): void {
  const msrv = ctx.msrvAt(at);
  if (!msrv || !versionBelow(msrv.version, feature.since) || ctx.crate?.versionGated || versionGated(within)) return;
  ctx.report(at, `${capitalised(feature.name)} needs Rust ${versionText(feature.since)}, but ${msrv.declaredBy}`);
}

function capitalised(name: string): string {
  return /^[a-z]/.test(name) ? name[0].toUpperCase() + name.slice(1) : name;
}

/** `async fn` or `-> impl Trait` in a trait or a trait's impl, unless `#[async_trait]` rewrites it. */
function traitFn(fn: Node, ctx: RuleContext): void {
  const container = fn.parent?.parent;
  const isTrait = container?.type === 'trait_item' || (container?.type === 'impl_item' && !!container.childForFieldName('trait'));
  if (!container || !isTrait || precedingAttributes(container).some((a) => /async_trait|trait_variant/.test(a.text))) return;
  const async = fn.children.find((c) => c?.type === 'function_modifiers')?.children.find((c) => c?.type === 'async');
  if (async) return need(ctx, async, SYNTAX.asyncFnInTrait, fn);
  const ret = fn.childForFieldName('return_type');
  if (ret?.type === 'abstract_type' && container.type === 'trait_item') need(ctx, ret, SYNTAX.impTraitInTrait, fn);
}

function inTrait(node: Node): boolean {
  return node.parent?.parent?.type === 'trait_item';
}

/**
 * `#![expect(…)]`, and `#[expect(…)]` on a statement, field or arm. Those in front of an item are the
 * engine's to read (it takes them for the item's allows), not a node any rule visits: they go unseen.
 */
function attribute(node: Node, ctx: RuleContext): void {
  const attr = node.namedChildren.find((c) => c?.type === 'attribute');
  const path = attr?.namedChild(0)?.text.replace(/\s+/g, '');
  if (path === 'expect' && attr?.childForFieldName('arguments')) need(ctx, attr, SYNTAX.expectAttribute, node);
}

/** A std item written by path (`std::sync::OnceLock`, `sync::OnceLock` under `use std::sync;`), or imported by a `use`. */
function stdPath(node: Node, ctx: RuleContext): void {
  const written = usePrefix(node) + node.text.replace(/\s+/g, '');
  if (!ITEM_NAMES.has(written.slice(written.lastIndexOf(':') + 1))) return;
  const feature = STD_ITEMS.get(written.replace(/^::/, '')) ?? STD_ITEMS.get(ctx.resolve(written));
  if (feature) need(ctx, node, feature);
}

/** The path a `use` tree puts in front of `node` (`std::sync::` for `OnceLock` in `use std::sync::{OnceLock, Mutex};`). */
function usePrefix(node: Node): string {
  let prefix = '';
  for (let n = node.parent; n?.type === 'use_list' || n?.type === 'scoped_use_list'; n = n.parent) {
    const path = n.type === 'scoped_use_list' ? n.childForFieldName('path')?.text.replace(/\s+/g, '') : undefined;
    if (path) prefix = `${path}::${prefix}`;
  }
  return prefix;
}

/** `println!("{name}")` with no `name = …` argument: the capture Rust 1.58 brought. */
function formatCapture(node: Node, ctx: RuleContext): void {
  const name = node.childForFieldName('macro')?.text.replace(/^(?:::)?(?:std|core|alloc)::/, '');
  if (!name || !FORMAT_MACROS.has(name)) return;
  const tokens = node.namedChildren.find((c) => c?.type === 'token_tree');
  const format = tokens?.namedChildren.find((c) => c?.type === 'string_literal' || c?.type === 'raw_string_literal');
  if (!tokens || !format) return;
  for (const m of format.text.matchAll(PLACEHOLDER)) {
    if (new RegExp(`\\b${m[1]}\\s*=[^=]`).test(tokens.text.slice(format.endIndex - tokens.startIndex))) continue;
    return need(ctx, format, SYNTAX.formatCapture, node);
  }
}

/**
 * Code behind a `#[cfg]` that names more than the platform (a build script's version probe, a
 * `nightly` or `rust_1_80` feature) or under `#[rustversion::…]`: compiled only where the newer Rust is.
 */
function versionGated(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parent) {
    for (const a of precedingAttributes(n)) if (gatesOnVersion(a.text)) return true;
    if (!n.parent) for (const c of n.namedChildren) if (c?.type === 'inner_attribute_item' && gatesOnVersion(c.text)) return true;
  }
  return false;
}
