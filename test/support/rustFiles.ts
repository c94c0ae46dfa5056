import * as fs from 'fs';
import * as path from 'path';

/**
 * Every `.rs` file under `dir`, absolute and sorted; hidden entries and `target/` are skipped. One
 * walker for the tests' workspaces, the fuzz corpus and the benchmark's crate corpus.
 */
export function rustFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'target') stack.push(p);
      } else if (e.isFile() && e.name.endsWith('.rs')) out.push(p);
    }
  }
  return out.sort();
}
