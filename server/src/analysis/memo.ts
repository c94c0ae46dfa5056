import type { Node } from 'web-tree-sitter';

/**
 * Facts about a node that several rules ask for (is this call `x.name(..)`? what does it call?) are
 * worked out once per node instead of once per rule: every read of the tree is a call into wasm, and
 * a 56,000-line file has 39,000 calls that ten rules each look at. The analyzer hands every rule the
 * same Node object for a node, so the memo is keyed by the object; it is emptied when the analysis of
 * a unit starts (`forgetMemos`), so nothing outlives the tree it was read from.
 */
const memos: { clear(): void }[] = [];

export function memoized<T>(compute: (node: Node) => T): (node: Node) => T {
  let known = new WeakMap<Node, { value: T }>();
  memos.push({ clear: () => (known = new WeakMap()) });
  return (node) => {
    let entry = known.get(node);
    if (!entry) {
      entry = { value: compute(node) };
      known.set(node, entry);
    }
    return entry.value;
  };
}

/**
 * A function of a name, remembered: names repeat (every `.clone()` asks about `clone`). Bounded, so a
 * long session does not keep every name it ever saw.
 */
export function memoizedByName<T>(compute: (name: string) => T, limit = 10_000): (name: string) => T {
  const known = new Map<string, { value: T }>();
  return (name) => {
    let entry = known.get(name);
    if (!entry) {
      if (known.size >= limit) known.clear();
      entry = { value: compute(name) };
      known.set(name, entry);
    }
    return entry.value;
  };
}

export function forgetMemos(): void {
  for (const m of memos) m.clear();
}
