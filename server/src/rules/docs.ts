import type { RuleMeta } from '../analysis/rule';

/**
 * A rule's page, generated from this catalog (scripts/gen-docs) into docs/rules/ and shipped in the
 * extension and the npm package. The project has no public site, so the host says where its copy of
 * the pages is (`base`, a URL ending in `/`); without one there is no link rather than a dead one.
 */
export function docsUrl(rule: RuleMeta, base: string | undefined): string | undefined {
  return base === undefined ? undefined : `${base}${rule.id}.md`;
}

/**
 * Hidden lines of a documented snippet, as in rustdoc: `# ` then code, or a lone `#` (an attribute's
 * `#[` is shown). They carry the `use` lines, stub types and the fn around the shown code, so that the
 * whole snippet compiles while the reader sees only what matters.
 */
const HIDDEN_LINE = /^(\s*)#(?: |$)/;

export function isHiddenLine(line: string): boolean {
  return HIDDEN_LINE.test(line);
}

/** The snippet as the hover, `--explain` and the docs page show it: without its hidden lines. */
export function shownCode(snippet: string): string {
  return snippet
    .split('\n')
    .filter((l) => !isHiddenLine(l))
    .join('\n');
}

/**
 * The snippet as it is linted and compiled: the rule's shared `setup` first, then the snippet with its
 * hidden lines included and their `# ` marker removed.
 */
export function fullCode(snippet: string, setup?: string): string {
  const code = snippet
    .split('\n')
    .map((l) => l.replace(HIDDEN_LINE, '$1'))
    .join('\n');
  return setup ? `${setup}\n${code}` : code;
}

/** A snippet as shown, fenced in its language (a Cargo.toml's or Dockerfile's `#` lines are comments, not hidden lines). */
function fenced(rule: RuleMeta, snippet: string): string[] {
  return ['```' + (rule.docs.language ?? 'rust'), rule.docs.language ? snippet : shownCode(snippet), '```'];
}

const SEVERITY_NAMES = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint' } as const;

/** The explanation shared by the hover, `--explain` and the docs page. */
export function explain(rule: RuleMeta): string {
  return [
    `**Why this hurts.** ${rule.docs.why}`,
    '',
    '**Instead of**',
    ...fenced(rule, rule.docs.example),
    '**write**',
    ...fenced(rule, rule.docs.instead),
    `_From the guide: “${rule.section}”._`,
  ].join('\n');
}

/**
 * The hover for a rule's findings. The editor already shows the message, source and code above it,
 * so it starts with what the user does not have yet: why it hurts, what to write, the rule's page.
 */
export function hoverMarkdown(rule: RuleMeta, docsBase: string | undefined): string {
  const url = docsUrl(rule, docsBase);
  return url ? `${explain(rule)}\n\n[Rule documentation](${url})` : explain(rule);
}

const SAFETY_TEXT = {
  safe: 'It keeps behaviour: fix-all on save and `check --fix` apply it.',
  unsafe: 'It may change behaviour: offered as a quick fix, never applied by fix-all on save or `check --fix`.',
  mixed: 'Fix-all on save and `check --fix` apply it only where it keeps behaviour; elsewhere it is offered as a quick fix.',
} as const;

/** What the rule's fix promises (ruff's fix availability and fix safety). */
function fixText(rule: RuleMeta): string {
  if (!rule.fix) return 'None: the change needs a judgment the code does not show.';
  const offered = rule.fix.availability === 'always' ? 'Offered for every finding.' : 'Offered for some findings.';
  return [offered, SAFETY_TEXT[rule.fix.safety], rule.fix.note].filter(Boolean).join(' ');
}

/** The rule's page in docs/rules/, in the clippy form. */
export function rulePage(rule: RuleMeta): string {
  const comment = rule.docs.language ? '#' : '//';
  const lines = [
    `# ${rule.id}`,
    '',
    `Default severity: **${SEVERITY_NAMES[rule.severity]}**${rule.clippy ? ` · mirrors clippy's ${rule.clippy.map((c) => `\`clippy::${c}\``).join(', ')}` : ''}${rule.allowedInTests ? ' · allowed in test code' : ''}`,
    '',
    '## What it does',
    rule.docs.what,
    '',
    '## Why is this bad',
    rule.docs.why,
    '',
    '## Example',
    ...fenced(rule, rule.docs.example),
    '',
    '## Use instead',
    ...fenced(rule, rule.docs.instead),
    '',
    '## Fix',
    fixText(rule),
    '',
    '## Silencing it',
    `\`${comment} rust-patterns: allow(${rule.id})\` on the line or the line above; \`${comment} rust-patterns: allow-file(${rule.id})\` for a whole file.` +
      (rule.clippy ? ` \`#[allow(clippy::${rule.clippy[0]})]\` (or \`#[expect]\`) on the enclosing item or crate works too.` : ''),
    '',
    `Guide section: “${rule.section}”.`,
    '',
  ];
  return lines.join('\n');
}
