import type { Node } from 'web-tree-sitter';
import { mergeFacts, resolvePath, unitFacts } from '../../analysis/facts';

/**
 * The full path an identifier inside a `use` tree imports: `LinkedList` in
 * `use std::collections::{HashMap, LinkedList as L};` gives `std::collections::LinkedList`.
 */
export function usePathOf(id: Node): string {
  let path = id.text;
  let n: Node = id;
  for (let p = n.parent; p && p.type !== 'use_declaration'; n = p, p = p.parent) {
    if (p.type === 'scoped_identifier' && p.childForFieldName('name')?.id === n.id) path = p.text.replace(/\s+/g, '');
    else if (p.type === 'scoped_use_list') {
      const prefix = p.childForFieldName('path');
      if (prefix && prefix.id !== n.id) path = `${prefix.text.replace(/\s+/g, '')}::${path}`;
    }
  }
  return path;
}

/**
 * Path resolution over a whole file, for quick fixes (which may edit anywhere; rules themselves use
 * `ctx.resolve`, whose facts the analyzer keeps incrementally).
 */
export function fileUsePaths(root: Node): { resolve(written: string): string } {
  const uses = root.descendantsOfType('use_declaration').filter((n): n is Node => !!n);
  const facts = mergeFacts([unitFacts(root, uses)]);
  return { resolve: (written) => resolvePath(facts, written) };
}
