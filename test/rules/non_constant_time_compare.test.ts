import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'non_constant_time_compare';
const flagged = async (src: string, path?: string) => (await lint(src, RULE, path)).map((f) => f.text);
const inFn = (expr: string) => `fn verify(a: &A, b: &B) -> bool {\n    ${expr}\n}\n`;

describe(RULE, () => {
  it('flags == and != on MACs, signatures and secret tokens, on the comparison', async () => {
    for (const expr of [
      'signature == expected_signature',
      'expected_sig != sig',
      'mac == computed',
      'hmac.as_slice() == &tag[..]',
      'hex::encode(mac.finalize().into_bytes()) == signature_header',
      'session.csrf_token != form.csrf_token',
      'provided_token == stored_token',
      'computed_digest == digest',
      'req.api_key == self.api_key.as_str()',
    ]) {
      assert.deepStrictEqual(await flagged(inFn(expr)), [expr], expr);
    }
    const [f] = await lint(inFn('signature == expected_signature'), RULE);
    assert.match(f.message, /`signature` is compared with `==`.*constant time/);
  });

  it('leaves lexer tokens, fn signatures, lengths and constants alone', async () => {
    for (const expr of [
      'token == Token::Eof',
      'self.token == other.token',
      'tok.kind != TokenKind::Comma',
      'a.sig == b.sig',
      'fn_sig == other_sig',
      'signature.len() == 64',
      'signature == ""',
      'mac_address == other.mac_address',
      'self.signature.algorithm == other.signature.algorithm',
      'digest == None',
      'bool::from(signature.ct_eq(&expected))',
    ]) {
      assert.deepStrictEqual(await flagged(inFn(expr)), [], expr);
    }
  });

  it('leaves an equality implementation itself and test code alone', async () => {
    assert.deepStrictEqual(await flagged('impl PartialEq for Token {\n    fn eq(&self, other: &Self) -> bool { self.expected_mac == other.expected_mac }\n}'), []);
    assert.deepStrictEqual(await flagged('#[test]\nfn t() { assert!(mac == expected_mac); }'), []);
  });
});
