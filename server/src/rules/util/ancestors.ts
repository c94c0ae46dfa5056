import type { Node } from 'web-tree-sitter';
import { unitAncestry } from '../../analysis/treeLinks';
import { memoized } from './memo';

const LIMIT = 512;

/**
 * The ancestors of `node`, nearest first, found by one cursor descent from the root (from the unit
 * under analysis, when there is one). `node.parent` costs a walk from the root each time, so a loop
 * over parents is quadratic in the depth: 100,000 nested parentheses would hang. Deeper than `LIMIT` (no real code is), the answer is undefined and
 * the rule asking stays quiet. Several rules ask for the same call's ancestors: read once per node.
 */
export const ancestorsOf = memoized((node: Node): readonly Node[] | undefined => {
  // During analysis the descent starts at the unit, whose own ancestors are known.
  const known = unitAncestry(node);
  const above = known?.above ?? [];
  const cursor = (known?.unit ?? node.tree.rootNode).walk();
  const path: Node[] = [];
  try {
    for (;;) {
      if (cursor.nodeId === node.id) return [...path.reverse(), ...above];
      if (path.length + above.length >= LIMIT) return undefined;
      path.push(cursor.currentNode);
      // Its boolean result is unreliable in web-tree-sitter 0.25 (false when it moved to child 0): judge by the move.
      const from = cursor.nodeId;
      cursor.gotoFirstChildForIndex(node.startIndex);
      if (cursor.nodeId === from) return undefined;
      while (!(cursor.startIndex <= node.startIndex && node.endIndex <= cursor.endIndex)) {
        if (!cursor.gotoNextSibling()) return undefined;
      }
    }
  } finally {
    cursor.delete();
  }
});

/** Lists whose children are statements or items: the statement holding a node starts the line a comment above documents. */
const STATEMENT_PARENTS = new Set(['block', 'declaration_list', 'source_file']);

/** The statement or item holding `node` (the node itself when it is one). */
export function statementOf(node: Node): Node {
  let n = node;
  while (n.parent && !STATEMENT_PARENTS.has(n.parent.type)) n = n.parent;
  return n;
}
