import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../analysis/ruleContext';
import { isPub, typeName } from './types';

/**
 * Whether a user of the library can call `fn`, as the crate model knows: a `pub` fn of a public
 * module or one a `pub use` re-exports, a `pub` method of a public type, a method of a public
 * trait. Without a model (a loose file, a file no target reaches) every fn may be: true.
 */
export function isPublicApi(fn: Node, ctx: RuleContext): boolean {
  const api = ctx.crate?.api;
  if (!api) return true;
  const within: string[] = [];
  for (let n = fn.parent; n; n = n.parent) {
    switch (n.type) {
      case 'declaration_list':
        continue;
      case 'impl_item': {
        const type = n.childForFieldName('type');
        return isPub(fn) && !!type && ctx.crate!.publicTypes.has(typeName(type));
      }
      case 'trait_item':
        return ctx.crate!.publicTypes.has(n.childForFieldName('name')?.text ?? '');
      case 'mod_item':
        within.unshift(n.childForFieldName('name')?.text ?? '');
        continue;
      case 'source_file': {
        const inline = within.join('::');
        const name = fn.childForFieldName('name')?.text ?? '';
        return (isPub(fn) && api.modules.has(inline)) || api.items.has(inline ? `${inline}::${name}` : name);
      }
      default:
        // A fn inside a fn's body (or a macro's): nobody outside can name it.
        return false;
    }
  }
  return false;
}
