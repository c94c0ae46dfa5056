import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  percent: number;
}

/** The functions with the most self time in a V8 `.cpuprofile` (what `node --cpu-prof` writes). */
export function hottest(profileFile: string, top = 12): HotFunction[] {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as { nodes: ProfileNode[] };
  const byFunction = new Map<string, { name: string; where: string; hits: number }>();
  // Shares are of busy time: idle (waiting for the client) would drown everything else.
  let total = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    total += hits;
    const where = n.callFrame.url ? `${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, hits: 0 };
    entry.hits += hits;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((f) => ({ name: f.name, where: f.where, percent: total ? (100 * f.hits) / total : 0 }));
}

/**
 * Functions by total time (their own and their callees'), each sample counted once per function
 * however deep the recursion: which of our steps the time goes to.
 */
export function heaviest(profileFile: string, top = 12, include: (url: string) => boolean = () => true): HotFunction[] {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as { nodes: ProfileNode[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, { name: string; where: string; hits: number }>();
  let busy = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') continue;
    busy += hits;
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.functionName || !f.url || !include(f.url)) continue;
      const where = `${path.basename(f.url)}:${f.lineNumber + 1}`;
      const key = `${f.functionName}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = totals.get(key) ?? { name: f.functionName, where, hits: 0 };
      entry.hits += hits;
      totals.set(key, entry);
    }
  }
  return [...totals.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((f) => ({ name: f.name, where: f.where, percent: busy ? (100 * f.hits) / busy : 0 }));
}

/** The newest `.cpuprofile` in `dir` (node names them by pid and time). */
export function newestProfile(dir: string): string | undefined {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  return files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}
