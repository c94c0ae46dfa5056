import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { resolveBinding } from './util/bindings';
import { durationsIn, literalSeconds } from './util/durations';
import { nameWords } from './util/names';
import { closest } from './util/syntax';

/** The guide's ceiling for an access token is an hour; four times that is far beyond it, not a rounding choice. */
const LIMIT_SECONDS = 4 * 3600;
/** Tokens that are not access tokens, and may live for days by design. */
const NOT_ACCESS = new Set([
  'refresh', 'remember', 'invite', 'invitation', 'verify', 'verification', 'confirm', 'confirmation', 'reset', 'share',
  'download', 'unsubscribe', 'apikey', 'service', 'install', 'installation', 'registration', 'signup', 'activation',
]);
/** A struct whose `exp` is a JWT's expiry claim. */
const CLAIMS_TYPE = /claim|jwt|token/i;

export const longLivedAccessToken: Rule = {
  id: 'long_lived_access_token',
  severity: 'warning',
  security: { cwe: 613, score: 5.4 },
  section: 'Authentication requires short-lived access tokens with server-side refresh token management',
  summary: 'A JWT access token whose `exp` lies hours or days ahead instead of 15–60 minutes',
  allowedInTests: true,
  docs: {
    what:
      'Flags the `exp` claim of a JWT claims struct (`Claims { exp, .. }`, a type named like claims or a token) set from a ' +
      'duration of more than four hours written in the code: `Duration::days(30)`, `Duration::hours(24)`, ' +
      '`now + 60 * 60 * 24 * 7`, a `const` holding one. Refresh, invitation, verification, reset and API-key tokens are ' +
      'meant to live longer and are left alone (judged by the names of the struct, the function and the bindings).',
    why:
      'An access token is a bearer credential that the server does not look up: until `exp` passes, whoever holds it is the ' +
      'user, and revoking it means keeping a deny-list the design set out to avoid. The guide bounds access tokens to 15 to ' +
      '60 minutes so that a token leaked through a log, a proxy or an XSS bug is worth little, and keeps sessions alive with ' +
      'refresh tokens (1 to 30 days) that the server stores, checks and can revoke. A token valid for a day or a month ' +
      'turns every leak into a long-lived account takeover.',
    setup: [
      'use std::time::{Duration, SystemTime, UNIX_EPOCH};',
      'struct Claims {',
      '    sub: String,',
      '    exp: u64,',
      '}',
      'fn claims(user: String) -> Claims {',
    ].join('\n'),
    example: [
      'let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();',
      'let claims = Claims {',
      '    sub: user,',
      '    exp: (now + Duration::from_secs(30 * 24 * 3600)).as_secs(),',
      '};',
      '#     claims',
      '# }',
    ].join('\n'),
    instead: [
      'let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();',
      '// 15 minutes; a refresh token the server stores renews it.',
      'let claims = Claims {',
      '    sub: user,',
      '    exp: (now + Duration::from_secs(15 * 60)).as_secs(),',
      '};',
      '#     claims',
      '# }',
    ].join('\n'),
  },
  mentions: ['exp'],
  visit: {
    field_initializer(node, ctx) {
      if (node.childForFieldName('field')?.text !== 'exp') return;
      const value = node.childForFieldName('value');
      if (value) check(node, value, ctx);
    },
    shorthand_field_initializer(node, ctx) {
      const name = node.namedChild(0);
      if (name?.text === 'exp') check(node, name, ctx);
    },
  },
};

function check(init: Node, value: Node, ctx: RuleContext): void {
  const struct = closest(init, 'struct_expression');
  const typeName = struct?.childForFieldName('name')?.text ?? '';
  if (!struct || !CLAIMS_TYPE.test(typeName)) return;
  const names = [typeName, closest(init, 'function_item')?.childForFieldName('name')?.text ?? '', bindingName(struct)];
  const lifetime = longestLifetime(value, names);
  // A sibling claim may say what the token is for: `token_type: TokenType::Refresh`.
  const siblings = struct.childForFieldName('body')?.text ?? '';
  if (lifetime === undefined || lifetime <= LIMIT_SECONDS || names.some(notAccess) || /refresh/i.test(siblings)) return;
  ctx.report(init, `This token's \`exp\` is ${spell(lifetime)} away: a leaked access token stays valid that long. The guide bounds access tokens to 15–60 minutes, renewed by a refresh token.`);
}

/**
 * The longest lifetime the literals of `value` give: durations written in it, or in the `let`s it
 * reads (two levels: `exp: expiry.timestamp()` with `let expiry = now + ttl; let ttl = Duration::days(7);`),
 * and seconds added to a timestamp (`now + 86400`). The names of the `let`s passed through are added to `names`.
 */
function longestLifetime(value: Node, names: string[]): number | undefined {
  const consts = constLookup(value);
  let longest: number | undefined;
  const seen = new Set<number>();
  const visit = (expr: Node, depth: number) => {
    if (seen.has(expr.id)) return;
    seen.add(expr.id);
    for (const d of durationsIn(expr, consts)) longest = Math.max(longest ?? 0, d.seconds);
    for (const sum of [expr, ...expr.descendantsOfType('binary_expression')]) {
      if (sum?.type !== 'binary_expression' || sum.childForFieldName('operator')?.text !== '+') continue;
      const right = sum.childForFieldName('right');
      const seconds = right && right.type !== 'call_expression' ? literalSeconds(right, consts) : undefined;
      if (seconds !== undefined) longest = Math.max(longest ?? 0, seconds);
    }
    if (depth >= 2) return;
    for (const id of expr.type === 'identifier' ? [expr] : expr.descendantsOfType('identifier')) {
      const binding = id ? resolveBinding(id) : undefined;
      if (binding?.kind === 'let' && binding.value) {
        names.push(id!.text);
        visit(binding.value, depth + 1);
      }
    }
  };
  visit(value, 0);
  return longest;
}

/** Constants of the file by name (`const TOKEN_TTL_HOURS: i64 = 24;`), for the literals they stand for. */
function constLookup(from: Node): (name: string) => Node | undefined {
  const root = from.tree.rootNode;
  return (name) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) return undefined;
    for (const item of root.descendantsOfType('const_item')) {
      if (item?.childForFieldName('name')?.text === name) return item.childForFieldName('value') ?? undefined;
    }
    return undefined;
  };
}

/** `let claims = Claims { .. }`: the binding's name. */
function bindingName(struct: Node): string {
  const parent = struct.parent;
  return parent?.type === 'let_declaration' ? parent.childForFieldName('pattern')?.text ?? '' : '';
}

function notAccess(name: string): boolean {
  const words = nameWords(name);
  return words.some((w, i) => NOT_ACCESS.has(w) || (i > 0 && NOT_ACCESS.has(words[i - 1] + w)));
}

function spell(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  return `${Math.round(seconds / 60)} minutes`;
}
