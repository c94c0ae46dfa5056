import type { Node } from 'web-tree-sitter';
import { isDocHidden, leadingDocs } from '../analysis/attributes';
import type { Rule } from '../analysis/rule';
import { eolOf, indentAt } from '../analysis/edits';
import { isPublicApi } from './util/publicApi';
import { nodeOfSpan } from './util/spans';
import { isPub, isTraitImplMember, resultErrorType, typeName } from './util/types';

/**
 * Docs that say when the fn fails: an `# Errors` heading (any level), or prose about it ("returns an
 * error if…", "`Err` when…", "fails if…"). Prose without the heading is not flagged: the caller is told.
 */
const SAYS_WHEN_IT_FAILS = /(?:^|\n|")[ \t]*(?:\/\/\/|\/\*\*|\*)?[ \t]*#{1,6}[ \t]*errors\b|\b(?:errors?|err|fails?|failure|failing)\b/i;
/** `Result<S::Ok, S::Error>`: the error is a generic parameter's (serde's serializers), passed through. */
const PASSED_THROUGH = /^[A-Z]\w*::Error$/;

/** The documented `pub fn` returning `Result` this name belongs to, and its docs, if the docs lack `# Errors`. */
function undocumentedErrors(fn: Node): Node[] | undefined {
  const ret = fn.childForFieldName('return_type');
  if (!ret || typeName(ret) !== 'Result' || !isPub(fn) || isTraitImplMember(fn)) return undefined;
  const err = resultErrorType(ret);
  if (err && PASSED_THROUGH.test(err.text.replace(/\s+/g, ''))) return undefined;
  const docs = leadingDocs(fn);
  // Undocumented fns are missing more than a section; hidden ones are not API.
  if (!docs.length || isDocHidden(fn)) return undefined;
  return SAYS_WHEN_IT_FAILS.test(docs.map((d) => d.text).join('\n')) ? undefined : docs;
}

export const missingErrorsDoc: Rule = {
  id: 'missing_errors_doc',
  // A hint: the docs' last sentence says what the corpora measured.
  severity: 'hint',
  allowedInTests: true,
  section: 'Error handling separates production code from prototypes through proper Result propagation',
  summary: 'A documented `pub fn` returning `Result` whose docs never say when it fails',
  clippy: ['missing_errors_doc'],
  docs: {
    what: 'Flags a documented `pub fn` returning `Result` whose doc comment never says when it fails: no `# Errors` section and no mention of errors or failure. Functions with no doc comment at all, `#[doc(hidden)]` ones, those a Cargo package does not export from its library (private modules, binaries), every fn of a package crates.io would refuse (no `description` or `license`, or `publish = false`: a service\'s internal crates, whose callers can read the code), trait implementations and pass-through errors of a generic parameter (`Result<S::Ok, S::Error>`) are left alone. A hint, as clippy\'s lint is pedantic: whether a failure is worth a section is a judgement the rule cannot make (a struct serialising itself cannot fail in practice, docs may name the failure in passing or point to the fn they wrap, a vendored copy is not the repository\'s to edit), and judged strictly it was right on 9 of 20 findings in published crates of backend services.',
    why:
      'The signature says a call can fail; only the docs can say when. Without an `# Errors` section a caller has to read the ' +
      'implementation to learn which failures to expect (file not found, permission denied, invalid UTF-8, a network timeout) ' +
      'and which of them are worth handling rather than passing up. The section is the API guidelines\' convention, rustdoc ' +
      'renders it as a heading, and it keeps the contract reviewable when the implementation changes.',
    setup: [
      'use std::path::Path;',
      'pub struct Config;',
      '#[derive(Debug)]',
      'pub enum ConfigError {',
      '    Io(std::io::Error),',
      '    Syntax(String),',
      '}',
    ].join('\n'),
    example: [
      '/// Reads the configuration file.',
      'pub fn load(path: &Path) -> Result<Config, ConfigError> {',
      '    // …',
      '#     let text = std::fs::read_to_string(path).map_err(ConfigError::Io)?;',
      '#     if text.trim().is_empty() {',
      '#         return Err(ConfigError::Syntax("empty file".to_owned()));',
      '#     }',
      '#     Ok(Config)',
      '}',
    ].join('\n'),
    instead: [
      '/// Reads the configuration file.',
      '///',
      '/// # Errors',
      '///',
      '/// Returns `ConfigError::Io` if the file cannot be read and',
      '/// `ConfigError::Syntax` if it is not valid TOML.',
      'pub fn load(path: &Path) -> Result<Config, ConfigError> {',
      '    // …',
      '#     let text = std::fs::read_to_string(path).map_err(ConfigError::Io)?;',
      '#     if text.trim().is_empty() {',
      '#         return Err(ConfigError::Syntax("empty file".to_owned()));',
      '#     }',
      '#     Ok(Config)',
      '}',
    ].join('\n'),
  },
  mentions: ['Result'],
  visit: {
    function_item(fn, ctx) {
      const name = fn.childForFieldName('name');
      // A package crates.io would refuse (a service's internal crates) has no callers outside its authors.
      if (!name || (ctx.crate && !ctx.crate.published) || !undocumentedErrors(fn) || !isPublicApi(fn, ctx)) return;
      ctx.report(name, `\`pub fn ${name.text}\` returns \`Result\` but its doc comment never says when it fails: add an \`# Errors\` section.`);
    },
  },
  fix: {
    availability: 'always',
    safety: 'unsafe',
    note: 'The fix adds the heading with a placeholder sentence for the author to finish.',
  },
  fixes(finding, ctx) {
    const fn = nodeOfSpan(ctx.node, finding, 'identifier')?.parent;
    const docs = fn?.type === 'function_item' ? undocumentedErrors(fn) : undefined;
    if (!fn || !docs) return [];
    const text = ctx.text;
    const last = docs[docs.length - 1];
    const lineEnd = text.indexOf('\n', last.endIndex - 1);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    const indent = indentAt(text, fn.startIndex);
    const eol = eolOf(text);
    const blankBefore = /^\/\/\/[ \t]*\r?\n?$/.test(last.text) ? [] : ['///'];
    const lines = [...blankBefore, '/// # Errors', '///', '/// Returns an error if …'];
    const newText = (lineEnd < 0 ? eol : '') + lines.map((l) => `${indent}${l}${eol}`).join('');
    return [{ title: 'Add an `# Errors` section to the doc comment', edits: [{ start: at, end: at, newText }], safe: false, preferred: true }];
  },
};
