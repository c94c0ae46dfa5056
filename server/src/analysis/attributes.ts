import type { Node } from 'web-tree-sitter';

/** What the outer attributes in front of an item say about the code inside it. */
export interface ItemAttributes {
  /** `#[test]`, `#[tokio::test]`, `#[bench]`, `#[cfg(test)]` … */
  test: boolean;
  /** Lint names from `#[allow(..)]` / `#[expect(..)]`, e.g. `clippy::unwrap_used`. */
  allows: string[];
  /** The MSRV clippy holds the code to from `#[clippy::msrv = "1.60"]`, as written; the nearest one counts. */
  msrv?: string;
}

const TEST_ATTR = /^#\[\s*(?:[A-Za-z_][\w]*::)*(?:test|bench|rstest|test_case|quickcheck|proptest)\b/;
const CFG_TEST = /^#\[\s*cfg\s*\(/;
const ALLOW_ATTR = /^#!?\[\s*(?:allow|expect)\s*\(([\s\S]*)\)\s*\]$/;
const MSRV_ATTR = /^#!?\[\s*clippy\s*::\s*msrv\s*=\s*"([^"]*)"\s*\]$/;

/** The version of `#[clippy::msrv = "1.60"]` or `#![clippy::msrv = "1.60"]`, as written. */
export function declaredMsrv(text: string): string | undefined {
  return MSRV_ATTR.exec(text.trim())?.[1];
}

export function isTestAttribute(text: string): boolean {
  if (TEST_ATTR.test(text)) return true;
  // #[cfg(test)], #[cfg(all(test, feature = "x"))], but not #[cfg(not(test))].
  return CFG_TEST.test(text) && /\btest\b/.test(text) && !/\bnot\s*\(\s*test\b/.test(text);
}

/** The lint paths an allow/expect attribute names (its `reason = ".."` is skipped). */
export function allowedLints(text: string): string[] {
  const m = ALLOW_ATTR.exec(text.trim());
  if (!m) return [];
  return m[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z_][\w]*(::[A-Za-z_][\w]*)*$/.test(s));
}

/** Reads the attribute_item / inner_attribute_item nodes collected in front of an item. */
export function readAttributes(attrs: readonly Node[], inherited?: ItemAttributes): ItemAttributes {
  let test = inherited?.test ?? false;
  const allows = inherited ? [...inherited.allows] : [];
  let msrv = inherited?.msrv;
  for (const a of attrs) {
    const text = a.text;
    if (isTestAttribute(text)) test = true;
    for (const lint of allowedLints(text)) if (!allows.includes(lint)) allows.push(lint);
    msrv = declaredMsrv(text) ?? msrv;
  }
  return msrv === undefined ? { test, allows } : { test, allows, msrv };
}

/**
 * The attributes standing on `node` and on each node above it, up to (not including) `unit`: on a
 * statement, `let`, block, field or item they are the siblings in front; on a match arm, its first
 * children. Whatever they say holds for the code under them, as on a fn.
 */
export function attributesUpTo(node: Node | undefined, unit: Node): Node[] {
  const out: Node[] = [];
  for (let n = node; n && n.id !== unit.id; n = n.parent ?? undefined) {
    if (n.previousNamedSibling?.type === 'attribute_item') out.push(...precedingAttributes(n));
    if (n.type === 'match_arm') for (const c of n.namedChildren) if (c?.type === 'attribute_item') out.push(c);
  }
  return out;
}

/** The attribute_item siblings directly in front of `node` (comments between them are skipped). */
export function precedingAttributes(node: Node): Node[] {
  const out: Node[] = [];
  for (let s = node.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type === 'attribute_item') out.push(s);
    else if (s.type !== 'line_comment' && s.type !== 'block_comment') break;
  }
  return out;
}

export function attributesKey(a: ItemAttributes): string {
  return (a.test ? 'T' : '-') + a.allows.join(',') + (a.msrv === undefined ? '' : `@${a.msrv}`);
}

/**
 * The outer doc comments (`///` and block doc comments) and `#[doc = ..]` attributes in front of an item, in source
 * order. Rustdoc attaches them across other attributes and plain comments.
 */
export function leadingDocs(item: Node): Node[] {
  const out: Node[] = [];
  for (let s = item.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type === 'attribute_item') {
      if (/^#\[\s*doc\b/.test(s.text)) out.push(s);
    } else if (s.type === 'line_comment' || s.type === 'block_comment') {
      if (s.children.some((c) => c?.type === 'outer_doc_comment_marker')) out.push(s);
    } else break;
  }
  return out.reverse();
}

/** `#[doc(hidden)]` in front of an item: not part of the documented API. */
export function isDocHidden(item: Node): boolean {
  return leadingDocs(item).some((d) => /^#\[\s*doc\s*\(\s*hidden/.test(d.text));
}

/** `impl<T> Deref for Wrapper<T>` (without the body) when `item` sits directly in an impl's body. */
export function enclosingImplHeader(item: Node): string | undefined {
  const impl = item.parent?.type === 'declaration_list' ? item.parent.parent : null;
  if (impl?.type !== 'impl_item') return undefined;
  return impl.text.slice(0, item.parent!.startIndex - impl.startIndex);
}

/** cfg names that say where code runs, not which compiler builds it. */
const PLATFORM_CFG = new Set(['all', 'any', 'not', 'unix', 'windows', 'test', 'debug_assertions', 'doc', 'docsrs', 'miri', 'feature', 'panic', 'target_os', 'target_family', 'target_arch', 'target_pointer_width', 'target_env', 'target_vendor', 'target_endian', 'target_has_atomic', 'target_feature']);
/** Feature names that stand for a newer compiler (`nightly`, `rust_1_70`, `msrv-1-80`, `unstable`). */
const VERSION_FEATURE = /nightly|unstable|rust|msrv|\d/i;

/**
 * `#[cfg]` naming more than the platform (a build script's version probe such as `has_once_lock`, a
 * `nightly` or `rust_1_80` feature), or `#[rustversion::…]`: what it stands on is compiled only by
 * some compilers, which may be newer than the crate's declared minimum.
 */
export function gatesOnVersion(attribute: string): boolean {
  if (/^#!?\[\s*rustversion\s*::/.test(attribute)) return true;
  const cfg = /^#!?\[\s*cfg\s*\(([\s\S]*)\)\s*\]$/.exec(attribute)?.[1];
  if (cfg === undefined) return false;
  const names = cfg.replace(/"(?:[^"\\]|\\.)*"/g, '').match(/[A-Za-z_]\w*/g) ?? [];
  return names.some((n) => !PLATFORM_CFG.has(n)) || [...cfg.matchAll(/\bfeature\s*=\s*"([^"]*)"/g)].some((m) => VERSION_FEATURE.test(m[1]));
}
