import type { Node } from 'web-tree-sitter';

/** `format` for `format!(..)` and `std::format!(..)`. */
export function macroName(mac: Node): string | undefined {
  const path = mac.childForFieldName('macro');
  if (!path) return undefined;
  return path.type === 'scoped_identifier' ? path.childForFieldName('name')?.text : path.text;
}

/**
 * The comma-separated arguments of a macro call, each as its list of tokens. tree-sitter does not
 * parse inside macro token trees, so `format!("{}", a.b)` gives `[["\"{}\""], ["a", ".", "b"]]`.
 */
export function macroArguments(mac: Node): Node[][] {
  const tree = mac.namedChildren.find((c) => c?.type === 'token_tree');
  if (!tree) return [];
  const args: Node[][] = [[]];
  for (let i = 1; i < tree.childCount - 1; i++) {
    const t = tree.child(i);
    if (!t) continue;
    if (t.type === ',') args.push([]);
    else args[args.length - 1].push(t);
  }
  if (!args[args.length - 1].length) args.pop();
  return args;
}

/** A call written inside a macro's tokens: `Sha256::digest(pw)` in `format!("{:x}", Sha256::digest(pw))`. */
export interface TokenCall {
  /** The called path as written, `::`-joined (`Sha256::digest`). */
  path: string;
  start: number;
  /** The `( … )` token tree of the arguments. */
  args: Node;
}

/** Every path call among a macro's tokens, at any depth (the token trees are walked iteratively). */
export function macroCalls(mac: Node): TokenCall[] {
  const calls: TokenCall[] = [];
  const stack = mac.namedChildren.filter((c): c is Node => c?.type === 'token_tree');
  while (stack.length) {
    const tree = stack.pop()!;
    let path: string[] = [];
    let start = -1;
    for (const t of tree.children) {
      if (!t) continue;
      if (t.type === 'identifier') {
        if (path.length && t.previousSibling?.type === '::') path.push(t.text);
        else [path, start] = [[t.text], t.startIndex];
        continue;
      }
      if (t.type === '::' && path.length) continue;
      if (t.type === 'token_tree') {
        if (path.length && t.firstChild?.type === '(') calls.push({ path: path.join('::'), start, args: t });
        stack.push(t);
      }
      path = [];
    }
  }
  return calls;
}
