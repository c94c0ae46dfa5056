import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { isStringLiteral } from './util/literals';
import { nameWords } from './util/names';
import { asMethodCall, closest } from './util/syntax';

/** Names that are secrets to compare by themselves: MACs and CSRF tokens. */
const MAC_WORDS = new Set(['mac', 'hmac', 'csrf', 'xsrf']);
/** Names that are secrets only with a qualifier (`expected_signature`, `auth_token`): `sig` alone is often a fn signature, `token` a lexer token. */
const QUALIFIED_WORDS = new Set(['signature', 'sig', 'digest', 'token', 'apikey', 'secret']);
const QUALIFIERS = new Set([
  'expected', 'computed', 'calculated', 'provided', 'given', 'received', 'stored', 'actual', 'supplied', 'claimed', 'request',
  'header', 'auth', 'access', 'api', 'bearer', 'session', 'refresh', 'reset', 'secret', 'verification', 'verify', 'confirm',
  'confirmation', 'invite', 'magic', 'login', 'jwt', 'otp', 'webhook', 'hmac', 'mac', 'csrf', 'signed', 'valid', 'correct', 'their', 'our',
]);
/** `mac_address` is a network address, `token_kind` a lexer detail: words that take a name out of crypto. */
const NOT_SECRET = new Set(['address', 'addr', 'kind', 'type', 'len', 'length', 'count', 'size', 'id', 'idx', 'index', 'span', 'name', 'algorithm', 'alg', 'version', 'tree', 'stream']);
/** Calls that only change how the bytes are viewed. */
const VIEW = new Set(['as_bytes', 'as_ref', 'as_slice', 'as_str', 'to_vec', 'to_string', 'to_owned', 'into_bytes', 'expose_secret', 'finalize', 'clone', 'unwrap', 'deref']);
/** Byte-level views that show a value is raw bytes or text (which makes a `sig` a crypto signature). */
const BYTES = /\.(?:as_bytes|as_slice|into_bytes|to_vec|finalize)\(\)|\[\s*\.\.\s*\]|\b(?:hex|base64|BASE64\w*|STANDARD\w*)\b/;

export const nonConstantTimeCompare: Rule = {
  id: 'non_constant_time_compare',
  // A hint: the docs' last sentences say what the corpora measured.
  severity: 'hint',
  security: { cwe: 208, score: 5.9 },
  section: 'Payment gateway integration demands idempotency and retry logic',
  summary: '`==` on a signature, MAC or secret token leaks through timing how much of a forgery is right',
  allowedInTests: true,
  docs: {
    what:
      'Flags `==` and `!=` between values named like MACs, HMACs, signatures, digests or secret tokens ' +
      '(`expected_signature == signature`, `csrf == form.csrf`, `mac == computed`), where neither side is a literal or a constant. ' +
      'A hint: most `==` on a value named like a signature or a token compares public data (a D-Bus type signature, a file format\'s magic bytes, a token the peer echoes back, a digest a command-line tool prints); judged strictly it was right on 1 of 7 findings in Debian\'s crates and 1 of 2 in backend services.',
    why:
      'Slice and string equality return at the first byte that differs, so the time a comparison takes tells an attacker ' +
      'how many leading bytes of a forged signature were right. Measured over many requests, that is enough to recover a ' +
      'valid webhook signature or session token byte by byte. Stripe and every other webhook provider ask for a ' +
      'constant-time comparison for exactly this reason: compare with `subtle::ConstantTimeEq`, ' +
      '`ring::constant_time::verify_slices_are_equal`, or let the MAC check itself (`Mac::verify_slice`).',
    example: [
      '# use hmac::{Hmac, Mac};',
      '# use sha2::Sha256;',
      '# struct Event;',
      '# fn accept(_event: Event) {}',
      '# fn verify(mac: Hmac<Sha256>, signature_header: &str, event: Event) {',
      'let expected = hex::encode(mac.finalize().into_bytes());',
      'if expected == signature_header {',
      '    accept(event)',
      '}',
      '# }',
    ].join('\n'),
    instead: [
      'use subtle::ConstantTimeEq;',
      '# use hmac::{Hmac, Mac};',
      '# use sha2::Sha256;',
      '# struct Event;',
      '# fn accept(_event: Event) {}',
      '# fn verify(mac: Hmac<Sha256>, signature_header: &str, event: Event) {',
      '',
      'let expected = hex::encode(mac.finalize().into_bytes());',
      'if bool::from(expected.as_bytes().ct_eq(signature_header.as_bytes())) {',
      '    accept(event)',
      '}',
      '// or: mac.verify_slice(&hex::decode(signature_header)?)?;',
      '# }',
    ].join('\n'),
  },
  mentions: ['==', '!='],
  visit: {
    binary_expression(node, ctx) {
      const op = node.childForFieldName('operator');
      if (op?.type !== '==' && op?.type !== '!=') return;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right || isConstant(left) || isConstant(right)) return;
      const [a, b] = [subjectName(left), subjectName(right)];
      const bytes = BYTES.test(left.text) || BYTES.test(right.text);
      // `signature == expected`: a qualifier on either side makes a bare `signature` a crypto one.
      const qualified = bytes || [a, b].some((x) => x && nameWords(x).some((w) => QUALIFIERS.has(w)));
      const secret = [a, b].find((n) => n && isSecretName(n, qualified));
      if (!secret) return;
      const fn = closest(node, 'function_item')?.childForFieldName('name')?.text;
      if (fn === 'eq' || fn === 'ne' || fn === 'cmp' || fn === 'partial_cmp') return; // implementing equality itself
      ctx.report(
        node.startPosition.row === node.endPosition.row ? node : op,
        `\`${secret}\` is compared with \`${op.type}\`, which stops at the first differing byte: the timing tells an attacker how much of a forged value is right. Compare in constant time.`,
      );
    },
  },
};

/** A literal, `None`, or a path to a constant or enum variant (`Token::Eof`, `EMPTY_SIG`). */
function isConstant(n: Node): boolean {
  if (isStringLiteral(n) || /literal$/.test(n.type) || n.type === 'boolean_literal' || n.type === 'array_expression') return true;
  const text = n.text.replace(/^[&*]+/, '');
  return /^(?:None|(?:\w+::)*[A-Z][A-Z0-9_]*|(?:\w+::)+[A-Z]\w*|[A-Z]\w*::\w+)$/.test(text) || /^(?:Some|Ok|Err)\(/.test(text) || /^(?:\w+::)*[A-Z]\w*\s*\{/.test(text);
}

/** What a side of the comparison is: `sig` for `&sig[..]`, `signature` for `self.signature.as_bytes()`, `hex::encode(mac)` → `mac`. */
function subjectName(start: Node): string | undefined {
  let n: Node | null = start;
  for (let guard = 0; n && guard < 64; guard++) {
    switch (n.type) {
      case 'reference_expression':
        n = n.childForFieldName('value');
        continue;
      case 'unary_expression':
      case 'parenthesized_expression':
        n = n.namedChild(n.namedChildCount - 1);
        continue;
      case 'index_expression':
        n = n.namedChild(0);
        continue;
      case 'identifier':
        return n.text;
      case 'field_expression':
        return n.childForFieldName('field')?.text;
      case 'call_expression': {
        const m = asMethodCall(n);
        if (m) {
          if (!VIEW.has(m.name)) return m.name;
          n = m.receiver;
          continue;
        }
        const fn = n.childForFieldName('function');
        const name = fn?.text.replace(/^.*::/, '') ?? '';
        // `hex::encode(sig)`: an encoding of the value is the value.
        if (/^(?:encode\w*|decode\w*|from_hex|to_hex)$/.test(name)) {
          n = n.childForFieldName('arguments')?.namedChild(0) ?? null;
          continue;
        }
        return name;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A MAC by name, or a signature/digest/token/secret confirmed by a qualifier or by byte handling. */
function isSecretName(name: string, confirmed: boolean): boolean {
  const words = nameWords(name);
  if (words.some((w) => NOT_SECRET.has(w))) return false;
  const joined = words.map((w, i) => (i > 0 ? words[i - 1] + w : w));
  if (words.some((w) => MAC_WORDS.has(w))) return true;
  if (![...words, ...joined].some((w) => QUALIFIED_WORDS.has(w))) return false;
  return confirmed;
}
