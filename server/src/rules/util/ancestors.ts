import type { Node } from 'web-tree-sitter';
import { memoized } from '../../analysis/memo';

const LIMIT = 512;

/**
 * The ancestors of `node`, nearest first, up to `LIMIT` of them: deeper than that (no real code is)
 * the answer is undefined and the rule asking stays quiet. `node.parent` is what walks up; during
 * analysis and fixes `withTreeLinks` answers it from recorded links, so the walk is linear in the
 * depth. Several rules ask for the same call's ancestors: read once per node.
 */
export const ancestorsOf = memoized((node: Node): readonly Node[] | undefined => {
  const out: Node[] = [];
  for (let n = node.parent; n; n = n.parent) {
    if (out.length >= LIMIT) return undefined;
    out.push(n);
  }
  return out;
});
