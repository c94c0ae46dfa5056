import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { asMethodCall, closest, methodTail } from './util/syntax';

/** A fn or type named for reading a token without trusting it, or for tests: the check is off on purpose. */
const DELIBERATE = /insecure|unverified|untrusted|dangerous|peek|inspect|without_?verif|no_?verif|skip_?verif|unchecked|test|mock|fake|dummy/i;
/** OpenID logout takes an expired ID token as a hint of who is leaving: skipping exp is what the spec asks. */
const EXPIRED_BY_DESIGN = /logout|id_token_hint|end_session/i;

/** The file compares a decoded `exp` itself (`if now > claims.exp`): the expiry is checked, by hand. */
const MANUAL_EXP_CHECK = /\bexp\b\s*[<>]|[<>]=?\s*(?:\w+\.)*exp\b|\.exp\s*\.\s*(?:lt|gt|le|ge|cmp)\(|(?:Some|Ok)\(exp\)/;

const NO_SIGNATURE = 'turns the signature check off: a token anyone forged (`alg: none`, any key) is accepted';
const NO_EXPIRY = 'accepts expired tokens: a stolen token works forever';

export const insecureJwtValidation: Rule = {
  id: 'insecure_jwt_validation',
  severity: 'hint',
  security: { cwe: 347, score: 8.1 },
  section: 'Authentication requires short-lived access tokens with server-side refresh token management',
  summary: 'A jsonwebtoken `Validation` that skips the signature check or the expiry check',
  allowedInTests: true,
  docs: {
    what:
      'Flags jsonwebtoken validation that lets a token through unchecked: `insecure_disable_signature_validation()`; ' +
      '`validate_exp = false` (unless the file compares the decoded `exp` itself), in an assignment or a `Validation { .. }` ' +
      'literal. Left alone: decoding without validation only to read a key id (`dangerous::insecure_decode`), as the token ' +
      'is verified afterwards; an `exp` made optional (`required_spec_claims` without it), which on real services was ' +
      "API-key tokens living as long as their key; and `Validation::new(header.alg)`, since jsonwebtoken itself refuses an " +
      "algorithm of another family than the key's (no `none`, no HMAC with a public key); fns and types named for an " +
      'unverified read or for tests (`insecure_decode`, `peek_claims`, `TestVerifier`); and expiry skipped for an OpenID ' +
      'logout hint. A hint by default: in a sample of public code that turns these checks off, about a third did so on ' +
      'purpose (reading claims before choosing a key, logout, JWS checks where expiry means nothing), more than the 10% ' +
      'of wrong findings a warning may have; raise it to `error` where every token is an access token.',
    why:
      "A JWT is only as good as the checks on it. The token's header names its own algorithm, so an attacker who may choose " +
      'it picks `none` or a key the server already trusts for something else (algorithm confusion): the server must fix the ' +
      'algorithms it accepts and verify every signature. Without an expiry check a leaked access token never dies, while ' +
      'the guide bounds access tokens to 15 to 60 minutes precisely so that a leak is worth little; a token with no `exp` ' +
      'at all is the same leak. Keep `Validation::new(Algorithm::…)` with a fixed algorithm, its default `exp` requirement ' +
      'and expiry check (a small `leeway` absorbs clock skew between instances), and renew sessions with a refresh token ' +
      'checked against the server\'s store rather than by accepting expired access tokens.',
    setup: [
      'use jsonwebtoken::{decode, Algorithm, DecodingKey, TokenData, Validation};',
      '#[derive(serde::Deserialize)]',
      'struct Claims {',
      '    sub: String,',
      '}',
      'fn verify(token: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<TokenData<Claims>> {',
    ].join('\n'),
    example: [
      'let mut validation = Validation::new(Algorithm::HS256);',
      'validation.validate_exp = false;',
      'let claims = decode::<Claims>(token, key, &validation)?;',
      '#     Ok(claims)',
      '# }',
    ].join('\n'),
    instead: [
      'let mut validation = Validation::new(Algorithm::HS256);',
      'validation.leeway = 30; // seconds of clock skew between instances',
      'let claims = decode::<Claims>(token, key, &validation)?;',
      '#     Ok(claims)',
      '# }',
    ].join('\n'),
  },
  mentions: ['validate_exp', 'insecure_disable_signature_validation'],
  visit: {
    call_expression(node, ctx) {
      const m = asMethodCall(node);
      if (!m) return;
      if (m.name === 'insecure_disable_signature_validation' && m.args.length === 0 && !deliberate(node)) ctx.report(methodTail(m), `\`.insecure_disable_signature_validation()\` ${NO_SIGNATURE}.`);
    },
    assignment_expression(node, ctx) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return;
      if (isField(left, 'validate_exp') && right.text === 'false') {
        if (!expiryOffOnPurpose(node)) ctx.report(node, `\`validate_exp = false\` ${NO_EXPIRY}.`);
      }
    },
    field_initializer(node, ctx) {
      if (node.childForFieldName('field')?.text === 'validate_exp' && node.childForFieldName('value')?.text === 'false' && !expiryOffOnPurpose(node)) ctx.report(node, `\`validate_exp: false\` ${NO_EXPIRY}.`);
    },
  },
};

function isField(expr: Node, field: string): boolean {
  return expr.type === 'field_expression' && expr.childForFieldName('field')?.text === field;
}

/** In a fn, impl or trait impl named for unverified reading or for tests. */
function deliberate(node: Node): boolean {
  const fn = closest(node, 'function_item');
  const impl = closest(node, 'impl_item');
  return DELIBERATE.test(fn?.childForFieldName('name')?.text ?? '') || DELIBERATE.test(impl?.childForFieldName('type')?.text ?? '');
}

/**
 * Expiry skipped where that is the point: a deliberate unverified read, an OpenID logout hint, a fn
 * that also turns the signature off (that finding says it all), or a file that compares `exp` by hand.
 */
function expiryOffOnPurpose(node: Node): boolean {
  const fn = closest(node, 'function_item');
  const body = fn?.text ?? '';
  return deliberate(node) || EXPIRED_BY_DESIGN.test(body) || body.includes('insecure_disable_signature_validation') || MANUAL_EXP_CHECK.test(node.tree.rootNode.text);
}
