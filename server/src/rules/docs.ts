import type { Rule } from './rule';

/** Where each rule's page lives; the pages are generated from this catalog (scripts/gen-docs). */
export const DOCS_BASE = 'https://github.com/rust-patterns/rust-patterns/blob/main/docs/rules/';

export function docsUrl(rule: Rule): string {
  return `${DOCS_BASE}${rule.id}.md`;
}

const SEVERITY_NAMES = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint' } as const;

/** The explanation shared by the hover, `--explain` and the docs page. */
export function explain(rule: Rule): string {
  return [
    `**Why this hurts.** ${rule.docs.why}`,
    '',
    '**Instead of**',
    '```rust',
    rule.docs.example,
    '```',
    '**write**',
    '```rust',
    rule.docs.instead,
    '```',
    `_From the guide: “${rule.section}”._`,
  ].join('\n');
}

/** The hover for one finding: what was found here, then why it matters and what to write. */
export function hoverMarkdown(rule: Rule, message: string): string {
  return [`**${rule.id}** (rust-patterns): ${message}`, '', explain(rule), '', `[Rule documentation](${docsUrl(rule)})`].join('\n');
}

/** The rule's page in docs/rules/, in the clippy form. */
export function rulePage(rule: Rule): string {
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
    '```rust',
    rule.docs.example,
    '```',
    '',
    '## Use instead',
    '```rust',
    rule.docs.instead,
    '```',
    '',
    '## Silencing it',
    `\`// rust-patterns: allow(${rule.id})\` on the line or the line above; \`// rust-patterns: allow-file(${rule.id})\` for a whole file.` +
      (rule.clippy ? ` \`#[allow(clippy::${rule.clippy[0]})]\` (or \`#[expect]\`) on the enclosing item or crate works too.` : ''),
    '',
    `Guide section: “${rule.section}”.`,
    '',
  ];
  return lines.join('\n');
}
