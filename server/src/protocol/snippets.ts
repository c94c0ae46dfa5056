import dockerfile from '../../../snippets/dockerfile.json';
import dockerignore from '../../../snippets/dockerignore.json';
import rust from '../../../snippets/rust.json';
import sql from '../../../snippets/sql.json';

/**
 * The snippets, read from the same `snippets/*.json` files that package.json contributes to VS Code
 * (the bundler inlines them), so the two can never disagree.
 */

/** One entry of a VS Code snippet file. */
export interface SnippetEntry {
  prefix: string;
  description: string;
  body: string[];
}

export type SnippetFile = Record<string, SnippetEntry>;

/** The languages with snippets, keyed by their VS Code language id (as in `contributes.snippets`). */
export const SNIPPET_FILES = { rust, dockerfile, sql, ignore: dockerignore } satisfies Record<string, SnippetFile>;

export type SnippetLanguage = keyof typeof SNIPPET_FILES;

/**
 * The language whose snippets fit a document, from its file name first (`.dockerignore` has no
 * language id of its own in most editors), then from the language id the client sent.
 */
export function snippetLanguage(uri: string, languageId: string): SnippetLanguage | undefined {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  if (name.endsWith('.rs')) return 'rust';
  if (name === '.dockerignore') return 'ignore';
  if (/^(Dockerfile|Containerfile)(\..+)?$/.test(name) || /\.(dockerfile|containerfile)$/i.test(name)) return 'dockerfile';
  if (/\.sql$/i.test(name)) return 'sql';
  const id = languageId.toLowerCase();
  return id === 'rust' || id === 'dockerfile' || id === 'sql' ? id : undefined;
}

type Node = string | { index: number; children: Node[] };

/**
 * Parses the subset of the snippet syntax that every LSP client understands: text, `$1`, `${1}`,
 * `${1:default}` (nested), and `\` escapes. Variables and choices are refused so that no client
 * shows them differently. Iterative: bodies are ours, but nothing here should recurse on input.
 */
export function parseSnippet(body: string): Node[] {
  const root: Node[] = [];
  const open: Node[][] = [root];
  let text = '';
  const flush = () => {
    if (text) open[open.length - 1].push(text);
    text = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) {
      text += body[++i];
    } else if (c === '$') {
      const m = /^\$(?:(\d+)|\{(\d+)(\}|:))/.exec(body.slice(i, i + 12));
      if (!m) throw new Error(`unsupported snippet syntax at ${i}: ${JSON.stringify(body.slice(i, i + 20))} (escape a literal $ as \\$)`);
      flush();
      const index = Number(m[1] ?? m[2]);
      const stop = { index, children: [] as Node[] };
      open[open.length - 1].push(stop);
      if (m[3] === ':') open.push(stop.children);
      i += m[0].length - 1;
    } else if (c === '}' && open.length > 1) {
      flush();
      open.pop();
    } else {
      text += c;
    }
  }
  if (open.length > 1) throw new Error('unclosed placeholder in snippet');
  flush();
  return root;
}

/** The text a snippet inserts when every placeholder keeps its default (a bare `$1` mirrors `${1:…}`). */
export function expandSnippet(body: string): string {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, string>();
  // Two passes: the first records each tab stop's default, the second renders with them, so a
  // bare `$1` that comes before its `${1:…}` still shows the default.
  const render = (list: Node[]): string => {
    let out = '';
    const stack: { list: Node[]; at: number; out: string; index?: number }[] = [{ list, at: 0, out: '' }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.at === top.list.length) {
        stack.pop();
        if (top.index !== undefined && top.list.length && !defaults.has(top.index)) defaults.set(top.index, top.out);
        if (stack.length) stack[stack.length - 1].out += top.out;
        else out = top.out;
        continue;
      }
      const node = top.list[top.at++];
      if (typeof node === 'string') top.out += node;
      else if (node.children.length) stack.push({ list: node.children, at: 0, out: '', index: node.index });
      else top.out += defaults.get(node.index) ?? '';
    }
    return out;
  };
  render(nodes);
  return render(nodes);
}
