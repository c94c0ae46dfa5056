import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../analysis/ruleContext';
import { typePath } from './types';

/** Full paths of the std types rules look for, by the name they are usually written with. */
const STD_PATHS: Record<string, string[]> = {
  Rc: ['std::rc::Rc', 'alloc::rc::Rc'],
  Arc: ['std::sync::Arc', 'alloc::sync::Arc'],
  RefCell: ['std::cell::RefCell', 'core::cell::RefCell'],
  Deref: ['std::ops::Deref', 'core::ops::Deref'],
};

/**
 * True when a written type or trait path is std's `name`: written bare and not imported from
 * elsewhere (`Rc`), imported from std (`use std::rc::Rc`), or spelled out (`std::rc::Rc`).
 */
export function isStd(written: string, name: keyof typeof STD_PATHS, ctx: RuleContext): boolean {
  const full = ctx.resolve(written);
  return full === name || STD_PATHS[name].includes(full);
}

/** `Rc<…>` / `Arc<…>` (std's) as a generic type node. */
export function isStdGeneric(type: Node | null | undefined, name: keyof typeof STD_PATHS, ctx: RuleContext): boolean {
  return type?.type === 'generic_type' && isStd(typePath(type), name, ctx);
}
