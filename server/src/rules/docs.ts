import type { RuleMeta } from './rule';

/**
 * A rule's page, generated from this catalog (scripts/gen-docs) into docs/rules/ and shipped in the
 * extension and the npm package. The project has no public site, so the host says where its copy of
 * the pages is (`base`, a URL ending in `/`); without one there is no link rather than a dead one.
 */
export function docsUrl(rule: RuleMeta, base: string | undefined): string | undefined {
  return base === undefined ? undefined : `${base}${rule.id}.md`;
}

const SEVERITY_NAMES = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint' } as const;

/** The explanation shared by the hover, `--explain` and the docs page. */
export function explain(rule: RuleMeta): string {
  const fence = '```' + (rule.docs.language ?? 'rust');
  return [
    `**Why this hurts.** ${rule.docs.why}`,
    '',
    '**Instead of**',
    fence,
    rule.docs.example,
    '```',
    '**write**',
    fence,
    rule.docs.instead,
    '```',
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
    '```' + (rule.docs.language ?? 'rust'),
    rule.docs.example,
    '```',
    '',
    '## Use instead',
    '```' + (rule.docs.language ?? 'rust'),
    rule.docs.instead,
    '```',
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
