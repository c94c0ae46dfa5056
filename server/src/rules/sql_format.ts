import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { isStringLiteral, literalOf, stringContent } from './util/literals';
import { macroArguments, macroName } from './util/macros';
import { bindingOf } from './util/bindings';
import { ancestorsOf } from './util/ancestors';
import { argumentsOf, isComment, snippet } from './util/syntax';
import { isNumberTyped } from './util/writtenTypes';

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
      'column names, which cannot be bound as parameters, are left alone, and so are values typed as numbers and SQL a query ' +
      'builder rendered (sql_builder, sqlx\'s `QueryBuilder`, sea-query), which quotes or binds what it was given. Splicing ' +
      'only values the code picks from a fixed set of literals is a hint.',
    why:
      'Whatever is spliced into the query text is parsed as SQL: a name like `x\' OR \'1\'=\'1` turns a lookup into a dump ' +
      'of the table, and `\'; DROP TABLE users; --` does worse. Escaping by hand is a game you lose eventually. Parameterised ' +
      'queries send the values separately from the statement, so the database never parses them as SQL; every driver and ORM ' +
      '(sqlx, diesel, tokio-postgres, rusqlite) supports them, and sqlx\'s `query!` even checks the statement at compile time.',
    setup: [
      '#[derive(Debug)]',
      'struct DbError;',
      'struct Client;',
      'impl Client {',
      '    async fn query(&self, _sql: &str, _params: &[&String]) -> Result<Vec<String>, DbError> {',
      '        Ok(Vec::new())',
      '    }',
      '}',
      'async fn find(client: &Client, name: String) -> Result<Vec<String>, DbError> {',
    ].join('\n'),
    example: [
      'let sql = format!("SELECT id, email FROM users WHERE name = \'{}\'", name);',
      'let rows = client.query(&sql, &[]).await?;',
      '#     Ok(rows)',
      '# }',
    ].join('\n'),
    instead: [
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
      const spliced = splicedValues(text, argTexts(node, args.slice(FORMATTERS[name] + 1))).map((value) => ({ value, kind: spliceKind(value, node, 0) }));
      const risky = spliced.find((v) => v.kind === 'data')?.value;
      const fixed = spliced.find((v) => v.kind === 'fixed')?.value;
      if (risky === undefined && fixed === undefined) return;
      const path = node.childForFieldName('macro')!;
      const bang = path.nextSibling;
      const at = { start: path.startIndex, end: bang?.type === '!' ? bang.endIndex : path.endIndex };
      if (risky !== undefined) {
        ctx.report(at, `\`${name}!\` splices \`${risky.replace(/\s+/g, ' ')}\` into SQL (\`${snippet(fmt[0], 50)}\`): a crafted value can rewrite the query. Bind it as a parameter.`);
      } else {
        ctx.report(
          at,
          `\`${name}!\` splices \`${fixed}\` into SQL (\`${snippet(fmt[0], 50)}\`); it is chosen from constants in the code, so no input reaches the query today, but a bound parameter keeps it that way.`,
          { severity: 'hint' },
        );
      }
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
function splicedValues(fmt: string, args: string[]): string[] {
  const holes = [...fmt.replace(/\{\{|\}\}/g, '').matchAll(/\{([^{}:]*)(?::[^{}]*)?\}/g)].map((m) => m[1].trim());
  if (!holes.length) return [];
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (const text of args) {
    const m = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]+)$/.exec(text);
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

/** Words that may stand free in an expression built only from constants. */
const KEYWORDS = new Set(['if', 'else', 'match', 'true', 'false', 'as', 'move', 'ref', 'mut', 'let', 'in', 'for', 'return']);
/** String, byte string, raw string and char literals: their content is never code. */
const LITERALS = /b?r(#*)"[\s\S]*?"\1|b?"(?:[^"\\]|\\.)*"|b?'(?:[^'\\]|\\.)'/g;

/** What a spliced value can carry: nothing from outside, one of a fixed set the code spells out, or data. */
type Splice = 'safe' | 'fixed' | 'data';
const SPLICE_ORDER: Splice[] = ['safe', 'fixed', 'data'];

function worst(kinds: Splice[]): Splice {
  return kinds.reduce<Splice>((a, b) => (SPLICE_ORDER.indexOf(b) > SPLICE_ORDER.indexOf(a) ? b : a), 'safe');
}

/**
 * Safe: a constant, a schema name, a number (its text is digits), a query builder's rendered SQL.
 * Fixed: built only from literals, constants and enum variants (`if latest { "JOIN a" } else { "JOIN b" }`,
 * `Kind::VARIANTS.iter().map(|k| k.code()).join(", ")`). A local counts as what its `let` holds,
 * followed through shadowing lets, `match`/`if` arms and earlier `format!`s.
 */
function spliceKind(value: string, at: Node, depth: number): Splice {
  if (CONSTANT.test(value) || namesSchema(value)) return 'safe';
  return expressionKind(value, at, depth);
}

function expressionKind(text: string, at: Node, depth: number): Splice {
  if (isBuilderOutput(text, at)) return 'safe';
  // A local, or a part of one (`interval.0`, `opts.table`): as fixed as the local.
  const local = /^([a-z_]\w*)(?:\.\w+)*$/.exec(withoutStringTail(text))?.[1];
  if (local) return localKind(local, at, depth);
  return builtFromConstants(text) ? 'fixed' : 'data';
}

function localKind(name: string, at: Node, depth: number): Splice {
  if (isNumberTyped(name, at)) return 'safe';
  const b = bindingOf(name, at);
  if (depth > 4 || !b) return 'data';
  if (b.kind === 'param') return paramKind(b.decl, b.fn, depth);
  // `let (a, b) = …` destructures and `for x in LIST` takes an element: the whole value counts.
  const value = b.kind === 'let' ? b.value : /^(?:let_declaration|for_expression)$/.test(b.decl.type) ? b.decl.childForFieldName('value') : undefined;
  return value ? valueKind(value, depth + 1) : 'data';
}

/**
 * A parameter of a private free fn that every call in the file gives a fixed value (`"a.hot_rank != 0"`,
 * a constant, another such parameter): chosen from constants, whatever the fn does with it. A `pub`
 * fn, a method, or a fn passed by name may be called with anything.
 */
function paramKind(param: Node, fn: Node, depth: number): Splice {
  if (fn.parent?.type === 'declaration_list' || fn.namedChildren.some((c) => c?.type === 'visibility_modifier')) return 'data';
  const nameNode = fn.childForFieldName('name');
  const index = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p?.type === 'parameter').findIndex((p) => p?.id === param.id);
  const root = ancestorsOf(fn)?.at(-1);
  if (!nameNode || index < 0 || !root) return 'data';
  const uses = root.descendantsOfType('identifier').filter((i): i is Node => i?.text === nameNode.text && i.id !== nameNode.id);
  const kinds: Splice[] = ['fixed'];
  for (const use of uses) {
    const call = use.parent;
    const arg = call?.type === 'call_expression' && call.childForFieldName('function')?.id === use.id ? argumentsOf(call)[index] : undefined;
    if (!arg) return 'data';
    kinds.push(spliceKind(arg.text, arg, depth + 1));
  }
  return uses.length ? worst(kinds) : 'data';
}

/** What a `let`'s value (or a branch of it) can carry. */
function valueKind(value: Node, depth: number): Splice {
  switch (value.type) {
    case 'string_literal':
      if (value.text === '""') return 'safe';
      break;
    case 'call_expression':
      if (/^(?:String::new|String::default|Default::default)\(\)$/.test(value.text)) return 'safe'; // empty: nothing spliced
      break;
    case 'return_expression':
    case 'break_expression':
    case 'continue_expression':
      return 'safe'; // a branch that yields no value
    case 'match_expression':
      return worst((value.childForFieldName('body')?.namedChildren ?? []).map((arm) => {
        const v = arm?.type === 'match_arm' ? arm.childForFieldName('value') : null;
        return v ? valueKind(v, depth) : 'safe';
      }));
    case 'if_expression': {
      const branches = [value.childForFieldName('consequence'), value.childForFieldName('alternative')?.namedChildren[0]];
      return branches.some((b) => !b) ? 'data' : worst(branches.map((b) => valueKind(b!, depth)));
    }
    case 'block': {
      const last = value.namedChildren.filter((c): c is Node => !!c && !isComment(c)).at(-1);
      return last && !last.type.endsWith('statement') && last.type !== 'let_declaration' ? valueKind(last, depth) : 'data';
    }
  }
  const name = value.type === 'macro_invocation' ? macroName(value) : undefined;
  if (name === undefined || !(name in FORMATTERS)) return expressionKind(value.text, value, depth);
  const args = macroArguments(value);
  const fmt = args[FORMATTERS[name]];
  if (fmt?.length !== 1 || !isStringLiteral(fmt[0])) return 'data';
  return worst(splicedValues(stringContent(fmt[0]), argTexts(value, args.slice(FORMATTERS[name] + 1))).map((v) => spliceKind(v, value, depth)));
}

/** Calls that hand back the text they were called on, or a piece of it (`.trim()`, `.expect(..)`, `?`). */
const STRING_TAIL = /(?:\.(?:trim|trim_start|trim_end|as_str|as_ref|to_string|to_owned|into|clone|unwrap)\(\)|\.(?:trim_matches|trim_start_matches|trim_end_matches|expect)\((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^()"'])*\)|\?)$/;

function withoutStringTail(text: string): string {
  let t = text.trim();
  for (let m = STRING_TAIL.exec(t); m; m = STRING_TAIL.exec(t)) t = t.slice(0, m.index).trimEnd();
  return t;
}

/** A type that renders SQL from calls and quotes or binds each value itself (sql_builder, sqlx, sea-query). */
const QUERY_BUILDER = /^(?:\w+::)*\w*(?:Sql|Query)Builder\b/;

/**
 * SQL a query builder rendered: `sql.sql()` where `sql` was made by `SqlBuilder::select_from(..)`
 * (or is typed as a builder), `QueryBuilder::new(..).sql()`, sea-query's `.to_string(PostgresQueryBuilder)`.
 * The builder quotes or binds the values it was given; what goes into its raw-text calls is its own question.
 */
function isBuilderOutput(text: string, at: Node): boolean {
  const m = /^([\s\S]+?)\s*\.\s*(sql|to_sql|build_sql|to_string)\s*\(\s*([\w:]*)\s*\)$/.exec(withoutStringTail(text));
  if (!m) return false;
  const [, receiver, method, arg] = m;
  if (method === 'to_string') return QUERY_BUILDER.test(arg.split('::').pop() ?? '');
  if (arg) return false;
  if (QUERY_BUILDER.test(receiver)) return true;
  if (!/^[a-z_]\w*$/.test(receiver)) return false;
  const b = bindingOf(receiver, at);
  if (!b || b.kind === 'pattern') return false;
  const written = b.type ? b.type.text.replace(/^&\s*(?:mut\s+)?/, '') : b.kind === 'let' ? b.value?.text : undefined;
  return !!written && QUERY_BUILDER.test(written);
}

function builtFromConstants(code: string): boolean {
  // What decides between the literals is not spliced: drop `if cond {`, `else if cond {`, `match x {`.
  const text = code.replace(LITERALS, '""').replace(/\b(?:if|match)\b[^{]*\{/g, '{');
  const closureParams = new Set([...text.matchAll(/\|([^|]*)\|/g)].flatMap((m) => m[1].match(/[A-Za-z_]\w*/g) ?? []));
  for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
    const word = m[0];
    const before = text.slice(0, m.index).trimEnd();
    const after = text.slice(m.index + word.length).trimStart();
    const free =
      !KEYWORDS.has(word) &&
      !closureParams.has(word) &&
      !/^[A-Z][A-Z0-9_]*$/.test(word) && // a constant
      !before.endsWith('.') && // a method or field of what came before
      !/\.(?:map|filter|filter_map|flat_map|and_then|map_err)\s*\($/.test(before) && // a fn handed to an adapter: `.map(quote)`
      !/^(::|\(|!|=>)/.test(after) && // a path segment, a fn or macro name, a match pattern
      !(before.endsWith('::') && /^[A-Z]/.test(word)); // an enum variant or associated constant
    if (free) return false;
  }
  return true;
}

/** Each argument's source as written (its tokens with the spaces between them). */
function argTexts(macro: Node, args: Node[][]): string[] {
  return args.map((tokens) => (tokens.length ? macro.text.slice(tokens[0].startIndex - macro.startIndex, tokens[tokens.length - 1].endIndex - macro.startIndex) : ''));
}

/** `table`, `self.table_name`, `cols.join(", ")`: a value that names part of the schema. */
function namesSchema(expr: string): boolean {
  return (expr.match(/[A-Za-z_]\w*/g) ?? []).some((w) => SCHEMA_NAME.test(w));
}
