import type { Node } from 'web-tree-sitter';
import { memoized } from '../../analysis/memo';
import { calleeOf } from './syntax';

/** The `identifier` / `scoped_identifier` a call calls (through a turbofish), if it calls a path. */
export const calleePathNode = memoized((call: Node): Node | undefined => {
  let fn = calleeOf(call);
  if (fn?.type === 'generic_function') fn = fn.childForFieldName('function');
  return fn && (fn.type === 'identifier' || fn.type === 'scoped_identifier') ? fn : undefined;
});

/** The last `n` segments of a path: `tail("tokio::net::TcpStream::connect", 2)` is `TcpStream::connect`. */
export function pathTail(path: string, n: number): string {
  return path.split('::').slice(-n).join('::');
}
