import * as fs from 'fs';

/** Deterministic pseudo-random characters drawn from `alphabet`. */
export function noise(length: number, alphabet: string, seed = 7): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[s % alphabet.length];
  }
  return out;
}

const bytes = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode((i * 7919 + (i >> 3)) & 0xff)).join('');

/**
 * Documents made to break an analyzer: each must be analysed without a throw, a stack overflow or a
 * hang (the robustness tests), and `npm run bench` times them so that a slowdown shows.
 */
export const HOSTILE: Record<string, () => string> = {
  'an empty file': () => '',
  // Generated tables and minified code: one line, a megabyte long.
  'a 1 MB single line': () => `static TABLE: &[u32] = &[${Array.from({ length: 150_000 }, (_, i) => i).join(', ')}]; fn f() { x.unwrap(); }`,
  '100,000 nested parentheses': () => `fn f() { let x = ${'('.repeat(100_000)}a.unwrap()${')'.repeat(100_000)}; }`,
  '100,000 unclosed parentheses': () => `fn f() { ${'('.repeat(100_000)}`,
  '100,000 nested blocks': () => `async fn f() ${'{'.repeat(100_000)}std::fs::read("x").unwrap(); a.clone(); m.lock().unwrap(); g().await;${'}'.repeat(100_000)}`,
  '20,000 nested mods': () => `${'mod a { '.repeat(20_000)}fn f() { x.unwrap(); }${'}'.repeat(20_000)}`,
  'NUL and control bytes around code': () => 'fn f() {\0\0 x.unwrap(); }\u0001\u0002\u001b[0m\uFFFE\uFFFF\0',
  'binary bytes': () => bytes(200_000),
  'lone UTF-16 surrogates': () => 'fn f() { let s = "\uD800"; x.unwrap(); } \uDC00 fn g() { \uD83D y.unwrap(); }\uD83E',
  'a file that is not Rust (JSON)': () => fs.readFileSync(require.resolve('../../../package.json'), 'utf8').repeat(20),
  'random punctuation': () => noise(50_000, '{}()[]<>;:,.|&"\'#!$%@x1 \n'),
  // Macro bodies are parsed on their own: many that are not Rust, and macros nested past any depth.
  '2,000 macro calls of punctuation around unsafe': () => Array.from({ length: 2_000 }, (_, i) => `m!{ unsafe { ${noise(100, '()[]<>;:,.|&"#$%@x1 ', i)} } }`).join('\n'),
  '10,000 nested macro calls': () => `m!{ ${'n!{ '.repeat(10_000)}unsafe { *p }${' }'.repeat(10_000)} }`,
};
