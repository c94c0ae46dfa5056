import { checkRule } from '../support/checkRule';

const RULE = 'non_constant_time_compare';

describe(RULE, () => {
  it('flags == and != on MACs, signatures and secret tokens, on the comparison', () =>
    checkRule(RULE, `
      fn verify(a: &A, b: &B) -> bool { signature == expected_signature }
                                      //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`signature\` is compared with \`==\`, which stops at the first differing byte: the timing tells an attacker how much of a forged value is right. Compare in constant time
      fn verify(a: &A, b: &B) -> bool { expected_sig != sig }
                                      //^^^^^^^^^^^^^^^^^^^ \`expected_sig\` is compared with \`!=\`, which stops at the first differing byte
      fn verify(a: &A, b: &B) -> bool { mac == computed }
                                      //^^^^^^^^^^^^^^^ \`mac\` is compared with \`==\`, which stops at the first differing byte
      fn verify(a: &A, b: &B) -> bool { hmac.as_slice() == &tag[..] }
                                      //^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`hmac\` is compared with \`==\`, which stops at the first differing byte
      fn verify(a: &A, b: &B) -> bool { hex::encode(mac.finalize().into_bytes()) == signature_header }
                                      //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`mac\` is compared with \`==\`, which stops at the first differing byte
      fn verify(a: &A, b: &B) -> bool { session.csrf_token != form.csrf_token }
                                      //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`csrf_token\` is compared with \`!=\`, which stops at the first differing byte
      fn verify(a: &A, b: &B) -> bool { provided_token == stored_token }
                                      //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`provided_token\` is compared with \`==\`, which stops at the first differing byte
      fn verify(a: &A, b: &B) -> bool { computed_digest == digest }
                                      //^^^^^^^^^^^^^^^^^^^^^^^^^ \`computed_digest\` is compared with \`==\`, which stops at the first differing byte
      fn verify(a: &A, b: &B) -> bool { req.api_key == self.api_key.as_str() }
                                      //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`api_key\` is compared with \`==\`, which stops at the first differing byte
    `));

  it('leaves lexer tokens, fn signatures, lengths and constants alone', () =>
    checkRule(RULE, `
      fn verify(a: &A, b: &B) -> bool { token == Token::Eof }
      fn verify(a: &A, b: &B) -> bool { self.token == other.token }
      fn verify(a: &A, b: &B) -> bool { tok.kind != TokenKind::Comma }
      fn verify(a: &A, b: &B) -> bool { a.sig == b.sig }
      fn verify(a: &A, b: &B) -> bool { fn_sig == other_sig }
      fn verify(a: &A, b: &B) -> bool { signature.len() == 64 }
      fn verify(a: &A, b: &B) -> bool { signature == "" }
      fn verify(a: &A, b: &B) -> bool { mac_address == other.mac_address }
      fn verify(a: &A, b: &B) -> bool { self.signature.algorithm == other.signature.algorithm }
      fn verify(a: &A, b: &B) -> bool { digest == None }
      fn verify(a: &A, b: &B) -> bool { bool::from(signature.ct_eq(&expected)) }
    `));

  it('leaves an equality implementation itself and test code alone', async () => {
    await checkRule(RULE, `
      impl PartialEq for Token {
          fn eq(&self, other: &Self) -> bool { self.expected_mac == other.expected_mac }
      }
    `);
    await checkRule(RULE, `
      #[test]
      fn t() { assert!(mac == expected_mac); }
    `);
  });
});
