import type { Node, Tree } from 'web-tree-sitter';

/**
 * tree-sitter nodes carry no parent or sibling links: `node.parent` searches down from the root and
 * `previousNamedSibling` searches the parent's children, so a rule walking up to its enclosing fn is
 * quadratic in the nesting depth, and one walking back through a block's statements quadratic in the
 * block's length; per visited node that made hostile or generated files (100,000 nested blocks, a
 * 2,000-arm `else if` chain, a 1,000-statement fn) take minutes. While `withTreeLinks` runs, those
 * getters answer from links recorded on the first lookup (one descent from the root records the
 * whole ancestor chain, one read of a parent's children all their siblings), so the rules' walks
 * stay linear without any rule changing. Outside it, and for other trees, tree-sitter answers.
 */
interface Links {
  tree: Tree;
  parents: Map<number, Node | null>;
  /** Parent id → its children and each child's index among them. */
  families: Map<number, Family>;
  /** Sibling lookups among the children of a wide parent whose family is not read yet, by parent id. */
  wideLookups: Map<number, number>;
  /** The path from the root to the unit under analysis, with each node's span (see `enterUnit`). */
  scope: { node: Node; start: number; end: number }[];
  rootId: number;
}

interface Family {
  children: Node[];
  index: Map<number, number>;
}

let active: Links | undefined;

export function withTreeLinks<T>(tree: Tree, run: () => T): T {
  if (active?.tree === tree) return run();
  const outer = active;
  active = { tree, parents: new Map(), families: new Map(), wideLookups: new Map(), scope: [], rootId: tree.rootNode.id };
  try {
    return run();
  } finally {
    active = outer;
  }
}

/**
 * The analyzer is about to run rules on the last node of `path`, whose nodes lead down to it from the
 * root, each the parent of the next. Their links are recorded, and lookups for nodes inside the unit
 * descend from the unit instead of the root: the root of a 50k-line file has thousands of children,
 * and reading them all once per keystroke would cost more than the analysis of the unit.
 */
export function enterUnit(path: readonly Node[]): void {
  if (!active) return;
  for (let i = 1; i < path.length; i++) active.parents.set(path[i].id, path[i - 1]);
  active.scope = path.map((node) => ({ node, start: node.startIndex, end: node.endIndex }));
}

type Getter = (this: Node) => Node | null;

/** Nodes with more children than this are searched by position (a block of 90,000 statements). */
const WIDE = 32;

function parentOf(links: Links, node: Node, nativeParent: Getter): Node | null {
  const known = links.parents.get(node.id);
  if (known !== undefined) return known;
  // One descent from the root (or the deepest node of the scope holding `node`) records every
  // ancestor on the way, so the rest of a walk up is free.
  let at = links.tree.rootNode;
  const start = node.startIndex;
  const end = node.endIndex;
  for (const s of links.scope) if (s.node.id !== node.id && s.start <= start && end <= s.end) at = s.node;
  if (at.id === node.id) {
    links.parents.set(node.id, null);
    return null;
  }
  for (;;) {
    const child = childToward(links, at, node);
    if (!child) return nativeParent.call(node);
    links.parents.set(child.id, at);
    if (child.id === node.id) return at;
    at = child;
  }
}

/** The child of `at` that is or holds `node`: by binary search over a wide node's children. */
function childToward(links: Links, at: Node, node: Node): Node | null {
  if (at.childCount <= WIDE) return at.childWithDescendant(node);
  const { children } = familyOf(links, at);
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (children[mid].startIndex <= node.startIndex) lo = mid;
    else hi = mid - 1;
  }
  const child = children[lo];
  const holds = child && (child.id === node.id || (child.startIndex <= node.startIndex && node.endIndex <= child.endIndex && child.endIndex > child.startIndex));
  return holds ? child : at.childWithDescendant(node);
}

function familyOf(links: Links, parent: Node): Family {
  let family = links.families.get(parent.id);
  if (!family) {
    const children = parent.children.filter((c): c is Node => !!c);
    family = { children, index: new Map(children.map((c, i) => [c.id, i])) };
    links.families.set(parent.id, family);
    for (const c of children) links.parents.set(c.id, parent);
  }
  return family;
}

/** The node `step` places away among its parent's children (named ones only if `named`). */
function sibling(links: Links, node: Node, step: 1 | -1, named: boolean, fallback: Getter, nativeParent: Getter): Node | null {
  const parent = parentOf(links, node, nativeParent);
  if (!parent) return fallback.call(node);
  // A few lookups among thousands of siblings (an item's doc comments, in a 50k-line file) are
  // cheaper in tree-sitter than reading every sibling; many are not.
  if (!links.families.has(parent.id) && parent.childCount > WIDE) {
    const lookups = (links.wideLookups.get(parent.id) ?? 0) + 1;
    links.wideLookups.set(parent.id, lookups);
    if (lookups <= WIDE) return fallback.call(node);
  }
  const family = familyOf(links, parent);
  const i = family.index.get(node.id);
  if (i === undefined) return fallback.call(node);
  for (let j = i + step; j >= 0 && j < family.children.length; j += step) {
    if (!named || family.children[j].isNamed) return family.children[j];
  }
  return null;
}

/** Puts the linked getters on a copy of web-tree-sitter's Node class (each copy of the library has its own). */
export function linkTrees(nodeClass: typeof Node): void {
  const native = (name: string): Getter => Object.getOwnPropertyDescriptor(nodeClass.prototype, name)!.get as Getter;
  const nativeParent = native('parent');
  const linked = (name: string, answer: (links: Links, node: Node, fallback: Getter) => Node | null) => {
    const fallback = native(name);
    Object.defineProperty(nodeClass.prototype, name, {
      configurable: true,
      get(this: Node) {
        return active && this.tree === active.tree ? answer(active, this, fallback) : fallback.call(this);
      },
    });
  };
  linked('parent', (links, node) => parentOf(links, node, nativeParent));
  linked('nextSibling', (links, node, fallback) => sibling(links, node, 1, false, fallback, nativeParent));
  linked('previousSibling', (links, node, fallback) => sibling(links, node, -1, false, fallback, nativeParent));
  linked('nextNamedSibling', (links, node, fallback) => sibling(links, node, 1, true, fallback, nativeParent));
  linked('previousNamedSibling', (links, node, fallback) => sibling(links, node, -1, true, fallback, nativeParent));
}
