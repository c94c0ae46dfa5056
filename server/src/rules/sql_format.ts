import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { isStringLiteral, literalOf, stringContent } from './util/literals';
import { macroArguments, macroName } from './util/macros';
import { snippet } from './util/syntax';

/**
 * A statement shape, not a lone keyword: "Select a file from the list" must not match. Upper-case
 * SQL may sit anywhere in the string; lower-case SQL must open it (prose says "delete from").
 */
const SQL_UPPER = /\bSELECT\b[\s\S]*?\bFROM\b|\bSELECT\s+['"]?\{|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\S+\s+SET\s+[\w"`.]+\s*=|\bDELETE\s+FROM\b|\bREPLACE\s+INTO\b|\b(?:WHERE|AND|OR)\s+[\w."`]+\s*(?:=|<>|!=|<=?|>=?|LIKE|IN)\s*\(?['"]?\{/;
const SQL_LOWER = /^\s*(?:select\b[\s\S]*?\bfrom\b|insert\s+into\b|update\s+\S+\s+set\s+[\w"`.]+\s*=|delete\s+from\b)/;
/**
 * What the unit's source holds wherever one of its strings opens with lower-case SQL (the strings are
 * in it). Without the leading blanks: unanchored, they made the scan try every position twice over.
 */
const SQL_LOWER_ANYWHERE = new RegExp(SQL_LOWER.source.replace(/^\^\\s\*/, ''));
/** Macros that build a string from a format string. */
const FORMATTERS: Record<string, number> = { format: 0, format_args: 0, write: 1, writeln: 1 };
/** Spliced values that are identifiers of the schema, not data: table and column names cannot be bound. */
const SCHEMA_NAME = /^(?:\w+_)?(?:table|tables|table_name|column|columns|cols?|schema|fields?|placeholders?|params|binds|bind_marks|marks|qmarks|ident|idents|sep|separator|alias)$/i;
/** Values that cannot carry user input: literals and SCREAMING_CASE constants (`Self::TABLE` too). */
const CONSTANT = /^(?:\d[\w.]*|"[^"]*"|(?:\w+::)*[A-Z][A-Z0-9_]*|true|false)$/;

/** Hidden lines (`# `) both doc snippets need to compile: stubs and `use`s the reader does not see. */
const DOC_SETUP = [
  '# #[derive(Debug)]',
  '# struct DbError;',
  '# struct Client;',
  '# impl Client {',
  '#     async fn query(&self, _sql: &str, _params: &[&String]) -> Result<Vec<String>, DbError> {',
  '#         Ok(Vec::new())',
  '#     }',
  '# }',
  '# async fn find(client: &Client, name: String) -> Result<Vec<String>, DbError> {',
];

export const sqlFormat: Rule = {
  id: 'sql_format',
  severity: 'error',
  security: { cwe: 89, score: 8.8 },
  section: 'Security requires defense in depth across all layers',
  summary: 'SQL built with `format!` or string concatenation is open to injection',
  allowedInTests: true,
  docs: {
    what:
      'Flags `format!` (and `write!`, `format_args!`) or `+` concatenation that splices a value into text shaped like an SQL ' +
      'statement (`SELECT … FROM`, `INSERT INTO`, `UPDATE … SET`, `DELETE FROM`, `WHERE col = {}`). Constants and table or ' +
      'column names, which cannot be bound as parameters, are left alone.',
    why:
      'Whatever is spliced into the query text is parsed as SQL: a name like `x\' OR \'1\'=\'1` turns a lookup into a dump ' +
      'of the table, and `\'; DROP TABLE users; --` does worse. Escaping by hand is a game you lose eventually. Parameterised ' +
      'queries send the values separately from the statement, so the database never parses them as SQL; every driver and ORM ' +
      '(sqlx, diesel, tokio-postgres, rusqlite) supports them, and sqlx\'s `query!` even checks the statement at compile time.',
    example: [
      ...DOC_SETUP,
      'let sql = format!("SELECT id, email FROM users WHERE name = \'{}\'", name);',
      'let rows = client.query(&sql, &[]).await?;',
      '#     Ok(rows)',
      '# }',
    ].join('\n'),
    instead: [
      ...DOC_SETUP,
      'let rows = client',
      '    .query("SELECT id, email FROM users WHERE name = $1", &[&name])',
      '    .await?;',
      '// sqlx: sqlx::query!("SELECT id, email FROM users WHERE name = $1", name)',
      '#     Ok(rows)',
      '# }',
    ].join('\n'),
  },
  mentions: [SQL_UPPER, SQL_LOWER_ANYWHERE],
  visit: {
    macro_invocation(node, ctx) {
      const name = macroName(node);
      if (name === undefined || !(name in FORMATTERS)) return;
      const args = macroArguments(node);
      const fmt = args[FORMATTERS[name]];
      if (fmt?.length !== 1 || !isStringLiteral(fmt[0])) return;
      const text = stringContent(fmt[0]);
      if (!looksLikeSql(text)) return;
      const spliced = splicedValues(text, args.slice(FORMATTERS[name] + 1));
      const risky = spliced.find((v) => !CONSTANT.test(v) && !namesSchema(v));
      if (risky === undefined) return;
      const path = node.childForFieldName('macro')!;
      const bang = path.nextSibling;
      ctx.report(
        { start: path.startIndex, end: bang?.type === '!' ? bang.endIndex : path.endIndex },
        `\`${name}!\` splices \`${risky}\` into SQL (\`${snippet(fmt[0], 50)}\`): a crafted value can rewrite the query. Bind it as a parameter.`,
      );
    },
    binary_expression(node, ctx) {
      if (node.childForFieldName('operator')?.type !== '+' || isPlusChain(node.parent)) return;
      const parts: Node[] = [];
      const stack: Node[] = [node];
      while (stack.length) {
        const n = stack.pop()!;
        if (isPlusChain(n)) stack.push(n.childForFieldName('right')!, n.childForFieldName('left')!);
        else parts.push(n);
      }
      const literals = parts.map(literalOf);
      const sql = literals.find((l): l is Node => !!l && looksLikeSql(stringContent(l)));
      const risky = parts.find((p, i) => !literals[i] && !CONSTANT.test(p.text.replace(/^&/, '')) && !namesSchema(p.text));
      if (!sql || !risky) return;
      ctx.report(sql, `SQL text is concatenated with \`${snippet(risky)}\`: a crafted value can rewrite the query. Bind it as a parameter.`);
    },
  },
};

function looksLikeSql(text: string): boolean {
  return SQL_UPPER.test(text) || SQL_LOWER.test(text);
}

function isPlusChain(n: Node | null): n is Node {
  return n?.type === 'binary_expression' && n.childForFieldName('operator')?.type === '+';
}

/**
 * The values a format string splices in: its positional and named arguments (each as written), and
 * the names captured inline (`{user_id}`). Arguments no placeholder uses do not count.
 */
function splicedValues(fmt: string, args: Node[][]): string[] {
  const holes = [...fmt.replace(/\{\{|\}\}/g, '').matchAll(/\{([^{}:]*)(?::[^{}]*)?\}/g)].map((m) => m[1].trim());
  if (!holes.length) return [];
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (const tokens of args) {
    const text = tokens.map((t) => t.text).join('');
    const m = /^([A-Za-z_]\w*)=(?!=)([\s\S]+)$/.exec(text);
    if (m) named.set(m[1], m[2]);
    else positional.push(text);
  }
  let next = 0;
  return holes.map((h) => {
    if (h === '') return positional[next++] ?? '';
    if (/^\d+$/.test(h)) return positional[Number(h)] ?? '';
    return named.get(h) ?? h;
  }).filter(Boolean);
}

/** `table`, `self.table_name`, `cols.join(", ")`: a value that names part of the schema. */
function namesSchema(expr: string): boolean {
  return (expr.match(/[A-Za-z_]\w*/g) ?? []).some((w) => SCHEMA_NAME.test(w));
}
