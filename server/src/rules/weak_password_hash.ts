import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from './rule';
import { nameWordPattern, nameWords } from './util/names';
import { macroCalls } from './util/macros';
import { calleePathNode } from './util/paths';
import { asMethodCall, closest, methodTail } from './util/syntax';

/** A path segment naming a fast, general-purpose hash (fine for checksums, wrong for passwords). */
const FAST_HASH = /(?:^|::)(?:sha1\w*|sha2|sha3|sha224|sha256|sha384|sha512\w*|md5|md4|md2|blake2\w*|blake3|Sha1|Sha224|Sha256|Sha384|Sha512\w*|Sha3_\d+|Keccak\d*|Md5|Md4|Blake2\w*|Blake3|DefaultHasher|SipHasher\w*|crc32\w*|xxhash\w*|XxHash\w*)(?:::|$)/;
/** `ring::digest::digest(&SHA256, …)`: the algorithm is an argument. */
const FAST_ALGORITHM_ARG = /\b(?:SHA1_FOR_LEGACY_USE_ONLY|SHA1|SHA224|SHA256|SHA384|SHA512(?:_256)?|MD5)\b/;
/** Methods that feed data into a hasher. */
const FEED = new Set(['update', 'chain', 'chain_update', 'input', 'consume', 'write', 'write_str']);
/** Words of a name that holds a password, and words saying it is something derived from one. */
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode']);
/** What the source around a password's name matches. */
const PASSWORD_NAME = nameWordPattern(PASSWORD_WORDS);
const DERIVED_WORDS = new Set(['hash', 'hashed', 'digest', 'salt', 'len', 'length', 'token', 'reset', 'policy', 'hint', 'min', 'max', 'field', 'name', 'prompt', 'env', 'var']);

export const weakPasswordHash: Rule = {
  id: 'weak_password_hash',
  severity: 'error',
  security: { cwe: 916, score: 7.5 },
  section: 'Authentication requires short-lived access tokens with server-side refresh token management',
  summary: 'A password hashed with a fast hash (SHA-1/2/3, MD5, BLAKE, `DefaultHasher`) instead of Argon2id',
  allowedInTests: true,
  docs: {
    what:
      'Flags a fast hash (`Sha256::digest`, `md5::compute`, `hasher.update(..)` on a SHA or MD5 hasher, `ring::digest` with ' +
      'SHA, `DefaultHasher`, BLAKE2/3 …) applied to a value named like a password.',
    why:
      'SHA-2, MD5 and BLAKE are built to be fast: a single GPU computes billions of SHA-256 hashes per second, so a leaked ' +
      'table of fast-hashed passwords falls to brute force and dictionary attacks within hours, salt or no salt. Password ' +
      'hashes must be deliberately slow and memory-hard. Argon2id, the winner of the Password Hashing Competition, resists ' +
      'both GPU and ASIC attacks; the `argon2` crate implements it, with a random salt from `OsRng` stored in the PHC string. ' +
      'bcrypt and scrypt are acceptable when Argon2id is not available.',
    example: [
      'use sha2::{Digest, Sha256};',
      '',
      '# fn store(password: &str) -> String {',
      'let stored = hex::encode(Sha256::digest(password.as_bytes()));',
      '#     stored',
      '# }',
    ].join('\n'),
    instead: [
      'use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};',
      'use argon2::Argon2;',
      '',
      '# fn store(password: &str) -> Result<String, argon2::password_hash::Error> {',
      'let salt = SaltString::generate(&mut OsRng);',
      'let stored = Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string();',
      '#     Ok(stored)',
      '# }',
    ].join('\n'),
  },
  visit: {
    // tree-sitter leaves macro arguments unparsed: `format!("{:x}", Sha256::digest(password))`.
    macro_invocation(node, ctx) {
      if (!ctx.unitMayName(PASSWORD_NAME)) return;
      for (const call of macroCalls(node)) {
        const password = FAST_HASH.test(ctx.resolve(call.path)) && passwordIn(call.args);
        if (password && !isProtocolDigest(node)) ctx.report({ start: call.start, end: call.args.endIndex }, message(`${call.path}(…)`, password));
      }
    },
    call_expression(node, ctx) {
      if (!ctx.unitMayName(PASSWORD_NAME)) return;
      const path = calleePathNode(node);
      if (path) {
        const full = ctx.resolve(path.text);
        const args = node.childForFieldName('arguments');
        if (!args) return;
        const fast = FAST_HASH.test(full) || (/(?:^|::)digest$/.test(full) && FAST_ALGORITHM_ARG.test(args.text));
        const password = fast && passwordIn(args);
        if (!password || isProtocolDigest(node)) return;
        ctx.report(node.startPosition.row === node.endPosition.row ? node : path, message(`${path.text}(…)`, password));
        return;
      }
      const m = asMethodCall(node);
      if (!m) return;
      if (FEED.has(m.name)) {
        const password = m.args.map(passwordIn).find(Boolean);
        if (password && isFastHasher(m.receiver, ctx) && !isProtocolDigest(node)) ctx.report(methodTail(m), message(`.${m.name}(…)`, password));
      } else if (m.name === 'hash' && m.args.length === 1) {
        // `password.hash(&mut hasher)`: std's `Hash` feeding a `DefaultHasher`.
        const password = passwordIn(m.receiver);
        const hasher = m.args[0].type === 'reference_expression' ? m.args[0].childForFieldName('value') : undefined;
        if (password && hasher && isFastHasher(hasher, ctx)) ctx.report(methodTail(m), message(`${password}.hash(…)`, password));
      }
    },
  },
};

/**
 * Wire protocols that mandate a fast hash of the password with the user name (PostgreSQL's md5
 * authentication, HTTP Digest's `user:realm:password`) compute a challenge response, not a stored
 * hash: the client cannot choose Argon2 there.
 */
function isProtocolDigest(call: Node): boolean {
  const fn = closest(call, 'function_item');
  return !!fn && /\b(?:user_?name|realm)\b/i.test(fn.childForFieldName('body')?.text ?? '') && /\b(?:user_?name|realm)\b/i.test(fn.childForFieldName('parameters')?.text ?? '');
}

function message(call: string, password: string): string {
  return `\`${call}\` hashes \`${password}\` with a fast hash: leaked hashes fall to GPU brute force. Use Argon2id for passwords.`;
}

/** The password-named identifier in an expression (`password`, `req.password`, `format!("{salt}{pwd}")`). */
function passwordIn(expr: Node): string | undefined {
  const ids = expr.type === 'identifier' || expr.type === 'field_identifier' ? [expr] : expr.descendantsOfType(['identifier', 'field_identifier']);
  for (const id of ids) {
    if (!id) continue;
    const words = nameWords(id.text);
    if (words.some((w) => PASSWORD_WORDS.has(w)) && !words.some((w) => DERIVED_WORDS.has(w))) return id.text;
  }
  return undefined;
}

/** `Sha256::new()` itself, or a local bound to a fast hasher's constructor in the same function. */
function isFastHasher(start: Node, ctx: RuleContext): boolean {
  let receiver = start;
  for (let m = asMethodCall(receiver); m; m = asMethodCall(receiver)) receiver = m.receiver; // `Sha256::new().chain(a).chain(b)`
  if (receiver.type === 'call_expression') {
    const path = calleePathNode(receiver);
    return !!path && FAST_HASH.test(ctx.resolve(path.text));
  }
  if (receiver.type !== 'identifier') return false;
  const fn = closest(receiver, 'function_item');
  for (const decl of fn?.descendantsOfType('let_declaration') ?? []) {
    if (!decl || decl.startIndex > receiver.startIndex || decl.childForFieldName('pattern')?.text !== receiver.text) continue;
    const type = decl.childForFieldName('type');
    const value = decl.childForFieldName('value');
    const ctor = value?.type === 'call_expression' ? calleePathNode(value) : undefined;
    if ((type && FAST_HASH.test(ctx.resolve(type.text.replace(/<[\s\S]*$/, '')))) || (ctor && FAST_HASH.test(ctx.resolve(ctor.text)))) return true;
  }
  return false;
}
