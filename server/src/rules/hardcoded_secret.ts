import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { isStringLiteral, literalOf, stringContent } from './util/literals';
import { calleePathNode } from './util/paths';
import { memoizedByName } from '../analysis/memo';
import { nameHasWord, nameWords } from './util/names';
import { argumentsOf, asMethodCall } from './util/syntax';

/** Words (or two-word pairs written together) that make a binding a credential. */
const SECRET_WORDS = new Set([
  'secret', 'password', 'passwd', 'pwd', 'passphrase', 'apikey', 'token', 'privatekey', 'credential', 'credentials',
  'accesskey', 'secretkey', 'signingkey', 'hmackey', 'encryptionkey', 'masterkey', 'authkey',
]);
/** A last word saying the binding holds the secret's name or whereabouts, not the secret. */
const ABOUT_THE_SECRET = new Set([
  'usage', 'options',
  'name', 'names', 'header', 'field', 'env', 'var', 'variable', 'path', 'file', 'dir', 'url', 'uri', 'endpoint', 'len', 'length',
  'size', 'prefix', 'suffix', 'type', 'kind', 'id', 'label', 'placeholder', 'param', 'column', 'regex', 're', 'pattern', 'format',
  'fmt', 'hint', 'prompt', 'message', 'msg', 'error', 'err', 'policy', 'min', 'max', 'count', 'cookie', 'query', 'hash', 'digest',
  'salt', 'scheme', 'key_name', 'description', 'desc', 'help', 'title', 'text', 'command', 'cmd', 'flag', 'arg', 'option', 'opt',
]);
/** Keys made to ship inside clients: analytics write keys only let anyone send events, Stripe's publishable keys only start a payment. */
const SHIPPED_TO_CLIENTS = new Set(['segment', 'mixpanel', 'amplitude', 'posthog', 'rudderstack', 'analytics', 'telemetry', 'publishable']);
/** Values that are only stand-ins for a secret. */
const PLACEHOLDER = /your|example|sample|placeholder|redacted|dummy|change_?me|fixme|todo|xxxx|\*\*\*|^(.)\1*$|\$\{|\{\}|<[^>]*>/i;
/** Credentials recognisable by their shape alone, wherever they appear. */
const LIVE_KEY = [
  /^sk_live_[0-9A-Za-z]{16,}$/, // Stripe secret key
  /^rk_live_[0-9A-Za-z]{16,}$/, // Stripe restricted key
  /^AKIA[0-9A-Z]{16}$/, // AWS access key id
  /^gh[pousr]_[A-Za-z0-9]{36,}$/, // GitHub tokens
  /^github_pat_[A-Za-z0-9_]{22,}$/,
  /^xox[abposr]-[0-9A-Za-z-]{10,}$/, // Slack
  /^AIza[0-9A-Za-z_-]{35}$/, // Google API key
  /^glpat-[0-9A-Za-z_-]{20,}$/, // GitLab
  /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----(?:\\n|\\r|\s)+[A-Za-z0-9+/=]{40}/, // with key material, not just the header
];

export const hardcodedSecret: Rule = {
  id: 'hardcoded_secret',
  severity: 'error',
  security: { cwe: 798, score: 7.5 },
  section: 'Security requires defense in depth across all layers',
  summary: 'A password, API key, token or private key written into the source',
  allowedInTests: true,
  docs: {
    what:
      'Flags a `const`, `static`, `let`, struct field or builder/setter call (`.password(..)`) named like a secret (password, ' +
      'secret, API key, private key, token) that is given a string literal holding a value, not a name: `"Authorization"`, `"DB_PASSWORD"` or ' +
      '`"/run/secrets/db"` say where a secret lives and are fine. Also flags literals shaped like live credentials ' +
      '(`sk_live_…`, `AKIA…`, `ghp_…`, PEM private keys) wherever they appear, and a JWT signing key built from a literal ' +
      '(`EncodingKey::from_secret(b"…")`, `DecodingKey::from_secret("…".as_bytes())`), whatever it holds.',
    why:
      'A secret in the source is in every clone of the repository, every CI log that prints the file, every fork, and the ' +
      'compiled binary (`strings` finds it in seconds). It cannot be rotated without a release, and it is the same in ' +
      'development and production. Read secrets at start-up from the environment or a secret manager (AWS Secrets Manager, ' +
      'GCP Secret Manager, Vault), and keep them in `secrecy::SecretString` so they are zeroed on drop and redacted from ' +
      '`Debug` output.',
    example: [
      '# struct EncodingKey;',
      '# impl EncodingKey {',
      '#     fn from_secret(_secret: &[u8]) -> Self {',
      '#         EncodingKey',
      '#     }',
      '# }',
      'const JWT_SECRET: &str = "4f9a1c2e7b8d0a3f";',
      '',
      '# fn signing_key() -> EncodingKey {',
      'let key = EncodingKey::from_secret(JWT_SECRET.as_bytes());',
      '#     key',
      '# }',
    ].join('\n'),
    instead: [
      'use secrecy::{ExposeSecret, SecretString};',
      '# use jsonwebtoken::EncodingKey;',
      '',
      '# fn signing_key() -> Result<EncodingKey, std::env::VarError> {',
      'let jwt_secret = SecretString::new(std::env::var("JWT_SECRET")?.into());',
      'let key = EncodingKey::from_secret(jwt_secret.expose_secret().as_bytes());',
      '#     Ok(key)',
      '# }',
    ].join('\n'),
  },
  // Every secret it finds is in a string literal.
  mentions: ['"'],
  visit: {
    const_item: checkNamedValue,
    static_item: checkNamedValue,
    let_declaration: checkNamedValue,
    field_initializer: checkNamedValue,
    // Builders and setters: `.password("…")`, `.api_key("…")`, `set_token("…")`.
    call_expression(node, ctx) {
      const signing = signingKeyLiteral(node, ctx);
      if (signing) {
        ctx.report(signing.literal, `\`${signing.call}(…)\` is given a signing secret written in the source (\`${mask(stringContent(signing.literal))}\`): anyone with the code or the binary can mint valid tokens.`);
        return;
      }
      const m = asMethodCall(node);
      if (!m || !isSecretName(m.name.replace(/^(?:set|with)_/, '')) || m.args.length !== 1) return;
      const literal = literalOf(m.args[0]);
      const text = literal && stringContent(literal);
      if (literal && text && isSecretValue(text)) {
        ctx.report(literal, `\`.${m.name}(…)\` is given a hard-coded secret (\`${mask(text)}\`): it ships in the source and the binary and cannot be rotated without a release.`);
      }
    },
    string_literal(node, ctx) {
      // Live keys are 20 characters or more: a shorter literal (the quotes included) needs no look.
      if (node.text.length < 22) return;
      const value = stringContent(node);
      if (value.length < 20 || /EXAMPLE/.test(value) || PLACEHOLDER.test(value) || !LIVE_KEY.some((p) => p.test(value)) || isDetectorTestVector(node)) return;
      ctx.report(node, `\`${mask(value)}\` has the shape of a live credential: anyone who reads the source or the binary can use it.`);
    },
  },
};

/** A regex for a credential's shape: `ghp_[a-zA-Z0-9]{36}`, `sk_live_[0-9a-zA-Z]{24}`. */
const SHAPE_PATTERN = /\[[^\]]+\](?:\{\d+(?:,\d*)?\}|[+*])/;

/**
 * A sample credential written beside the pattern that detects it, in a secret scanner's table
 * (`("GitHub PAT", "ghp_[a-zA-Z0-9]{36}", TestValue::Single("ghp_…"))`): test data, not a secret.
 */
function isDetectorTestVector(literal: Node): boolean {
  let n: Node | null = literal.parent;
  // Up to the table row: the array of samples, `&`, the call's arguments, the call, the row's tuple.
  for (let depth = 0; n && depth < 6; depth++, n = n.parent) {
    if (n.namedChildren.some((c) => c?.type === 'string_literal' && c.id !== literal.id && SHAPE_PATTERN.test(c.text))) return true;
  }
  return false;
}

/** jsonwebtoken's HMAC key constructors. */
const SIGNING_KEY = /(?:^|::)(?:EncodingKey|DecodingKey)::from_(?:base64_)?secret$/;

/** `EncodingKey::from_secret(b"…")`, `DecodingKey::from_secret("…".as_bytes())`: the key's literal. */
function signingKeyLiteral(call: Node, ctx: RuleContext): { call: string; literal: Node } | undefined {
  const path = calleePathNode(call);
  if (!path || !SIGNING_KEY.test(ctx.resolve(path.text))) return undefined;
  const [arg] = argumentsOf(call);
  let literal: Node | null | undefined = arg?.type === 'reference_expression' ? arg.childForFieldName('value') : arg;
  const m = literal && asMethodCall(literal);
  if (m && /^(?:as_bytes|as_ref|into|to_vec)$/.test(m.name) && m.args.length === 0) literal = m.receiver;
  if (!literal || !isStringLiteral(literal) || !stringContent(literal)) return undefined;
  return { call: path.text, literal };
}

function checkNamedValue(node: Node, ctx: RuleContext): void {
  const nameNode = node.type === 'let_declaration' ? node.childForFieldName('pattern') : node.childForFieldName(node.type === 'field_initializer' ? 'field' : 'name');
  if (!nameNode || (nameNode.type !== 'identifier' && nameNode.type !== 'field_identifier')) return;
  const name = nameNode.text;
  const value = isSecretName(name) ? node.childForFieldName('value') : null;
  if (!value) return;
  const literal = literalOf(value);
  if (!literal) return;
  const text = stringContent(literal);
  if (!isSecretValue(text)) return;
  ctx.report(literal, `\`${name}\` is set to a hard-coded secret (\`${mask(text)}\`): it ships in the source and the binary and cannot be rotated without a release.`);
}

const isSecretName = memoizedByName((name: string): boolean => {
  // A version or number at the end (`TOKEN_PREFIX_V1`) does not change what the name is about.
  const words = nameWords(name).filter((w, i, all) => i < all.length - 1 || !/^(?:v?\d+)$/.test(w));
  if (!words.length || ABOUT_THE_SECRET.has(words[words.length - 1]) || words.some((w) => SHIPPED_TO_CLIENTS.has(w))) return false;
  return nameHasWord(name, SECRET_WORDS);
});

/** A value, not a name, a location or a stand-in. */
function isSecretValue(text: string): boolean {
  if (text.length < 6 || /[\s{}\\]/.test(text) || PLACEHOLDER.test(text)) return false;
  if (LIVE_KEY.some((p) => p.test(text))) return false; // reported by the literal check
  if (/^[A-Z][A-Z0-9_]*$/.test(text)) return false; // an environment variable's name
  if (/^[A-Za-z]+(?:[-_.][A-Za-z]+)*$/.test(text) && (/[-_.]/.test(text) || /[A-Z]/.test(text))) return false; // a header or field name
  if (/^(?:\/|\.\.?\/|~\/)|\.(?:pem|key|der|crt|json|toml|ya?ml|txt|env)$/i.test(text)) return false; // a path
  if (/^[a-z][\w+.-]*:\/\//i.test(text) && !/:\/\/[^/@\s]*:[^/@\s]+@/.test(text)) return false; // a URL without credentials in it
  if (/^[\d.]+$/.test(text) || /^\$?\w+(?:::\w+)+$/.test(text)) return false; // an OID or version, a Rust path
  // A credential mixes letters and digits, or is a long run without separators (a random key).
  return (/[A-Za-z]/.test(text) && /\d/.test(text)) || (text.length >= 16 && /^[\w+/=-]+$/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text));
}

/** Enough of a secret to recognise it, not to use it. */
function mask(value: string): string {
  return value.length <= 8 ? `${value.slice(0, 2)}…` : `${value.slice(0, 4)}…`;
}
