// Reads what clippy's UI tests expect: which lint fires on which line of a test file. The markers of
// ui_test say it (`//~^ unwrap_used`, `//~v`, `//~|`, `//~[rev]^^`); older markers give a message
// instead of the lint (`//~^ ERROR: this MutexGuard is held…`), and then the .stderr file, which names
// each lint once (`= note: \`-D clippy::mem-replace-with-default\` implied by…`), says which lint the
// message belongs to. Used by scripts/clippy-agreement.mjs; unit-tested in test/unit/clippyUi.test.ts.

/** One `//~` marker: the line it points at, and a lint name or a diagnostic level and message. */
export interface Marker {
  /** 1-based line the marker points at. */
  target: number;
  /** Revisions it is limited to (`//~[default]^`); undefined for every revision. */
  revisions?: string[];
  /** `unwrap_used`, or a rustc code such as `E0308`. */
  code?: string;
  level?: string;
  message?: string;
}

/** One diagnostic of a .stderr file, at its primary span's line. */
export interface Diagnostic {
  line: number;
  message: string;
  /** The clippy lint it names (only the first diagnostic of each lint names it). */
  lint?: string;
}

const MARKER = /\/\/~(?:\[([^\]]*)\])?(\^+|v+|\|)?(.*)$/;
const LEVEL = /^\s*(ERROR|WARN|HELP|NOTE|ICE)\b:?\s*(.*)$/;

export function parseMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  let previous: number | undefined;
  text.split('\n').forEach((source, i) => {
    const m = MARKER.exec(source);
    if (!m) return;
    const [, revs, arrow, rest] = m;
    const line = i + 1;
    // `|` points where the marker before it points, `^`/`v` that many lines up or down.
    const target = arrow === '|' ? (previous ?? line) : arrow?.startsWith('^') ? line - arrow.length : arrow ? line + arrow.length : line;
    previous = target;
    const marker: Marker = { target };
    if (revs) marker.revisions = revs.split(',').map((r) => r.trim());
    const level = LEVEL.exec(rest);
    if (level) Object.assign(marker, { level: level[1], message: level[2].trim() });
    else marker.code = rest.trim().split(/\s+/)[0];
    markers.push(marker);
  });
  return markers;
}

const HEAD = /^(error|warning)(?:\[[^\]]*\])?: (.*)$/;
const ARROW = /^\s*--> (.*):(\d+):\d+$/;
const NAMED = /clippy::([a-z0-9_-]+)/;

/** The diagnostics of a .stderr file whose primary span lies in `file` (a path ending, e.g. `mem_replace.rs`). */
export function parseStderr(stderr: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let current: Diagnostic | undefined;
  let lintLevelNote = false;
  for (const line of stderr.split('\n')) {
    const head = HEAD.exec(line);
    if (head) {
      current = { line: 0, message: head[2] };
      lintLevelNote = false;
      continue;
    }
    if (!current) continue;
    const arrow = ARROW.exec(line);
    if (arrow && !current.line) {
      if (arrow[1].endsWith(file)) {
        current.line = Number(arrow[2]);
        out.push(current);
      }
      continue;
    }
    // The lint's name: in the `-D` note and the `#[allow]` help, or under a `#![deny(clippy::x)]` the note points at.
    if (/the lint level is defined here/.test(line)) lintLevelNote = true;
    const named = NAMED.exec(line);
    if (named && !current.lint && (/^\s*= (note|help):/.test(line) || (lintLevelNote && /^\S*\s*\|/.test(line)))) current.lint = named[1].replace(/-/g, '_');
  }
  return out;
}

/** Whether a marker applies to the revision tested (undefined: a test without revisions). */
const inRevision = (m: Marker, revision?: string) => !m.revisions || (revision !== undefined && m.revisions.includes(revision));

/** A lint name, not a rustc error code such as E0308. */
const isLint = (code: string) => /^[a-z][a-z0-9_]*$/.test(code);

/**
 * Lines clippy expects each lint on: lint → sorted lines. A marker that gives a message is matched to
 * the .stderr diagnostic on its line with that message; its lint is the one the diagnostic names, or the
 * one another diagnostic with the same message names, or the one a lint marker names on a line that has a
 * single diagnostic, or the file's only lint. Markers left unattributed land under `?`.
 */
export function expectedLines(source: string, stderr: string, file: string, revision?: string): Map<string, number[]> {
  const markers = parseMarkers(source).filter((m) => inRevision(m, revision));
  const diagnostics = parseStderr(stderr, file);
  const byMessage = new Map<string, string>();
  for (const d of diagnostics) if (d.lint) byMessage.set(d.message, d.lint);
  for (const m of markers) {
    if (!m.code || !isLint(m.code)) continue;
    const here = diagnostics.filter((d) => d.line === m.target);
    if (here.length === 1 && !byMessage.has(here[0].message)) byMessage.set(here[0].message, m.code);
  }
  const lints = new Set(diagnostics.flatMap((d) => (d.lint ? [d.lint] : [])));
  const only = lints.size === 1 ? [...lints][0] : undefined;
  const out = new Map<string, Set<number>>();
  const add = (lint: string, line: number) => (out.get(lint) ?? out.set(lint, new Set()).get(lint)!).add(line);
  for (const m of markers) {
    if (m.code) {
      if (isLint(m.code)) add(m.code, m.target);
      continue;
    }
    if (m.level !== 'ERROR' && m.level !== 'WARN') continue;
    const d = diagnostics.find((x) => x.line === m.target && x.message.includes(m.message ?? ''));
    add((d && (d.lint ?? byMessage.get(d.message))) ?? only ?? '?', m.target);
  }
  return new Map([...out].map(([lint, lines]) => [lint, [...lines].sort((a, b) => a - b)]));
}

/** The revisions a test declares (`//@revisions: default disabled`), in order. */
export function revisionsOf(source: string): string[] {
  return /^\/\/@\s*revisions:\s*(.*)$/m.exec(source)?.[1].trim().split(/\s+/) ?? [];
}

/** Lints a test turns on itself: `#![warn(clippy::x)]`, `deny`, `forbid`, or `-W clippy::x` in its flags. */
export function enabledLints(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(/#!?\[\s*(?:warn|deny|forbid)\s*\(([^\]]*)\)\s*\]/g)) for (const l of m[1].matchAll(/clippy::([a-z0-9_]+)/g)) out.add(l[1]);
  for (const m of source.matchAll(/^\/\/@.*compile-flags:(.*)$/gm)) for (const l of m[1].matchAll(/-[WD]\s*clippy::([a-z0-9_-]+)/g)) out.add(l[1].replace(/-/g, '_'));
  return [...out];
}
