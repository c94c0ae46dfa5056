import * as assert from 'assert';
import type { Node } from 'web-tree-sitter';
import { createParser } from '../../server/src/analysis/parser';
import { snippet } from '../../server/src/rules/util/syntax';

/** The value of the first `let` in `body`. */
async function valueOf(body: string): Promise<Node> {
  const tree = (await createParser()).parse(`fn f() {\n${body}\n}\n`)!;
  return tree.rootNode.descendantsOfType('let_declaration')[0]!.childForFieldName('value')!;
}

describe('snippet (code named in messages)', () => {
  it('joins a chain written over several lines as it would be written on one', async () => {
    const value = await valueOf('    let a = client\n        .get(url)\n        .send();');
    assert.strictEqual(snippet(value), 'client.get(url).send()');
  });

  it('joins a list written one item a line without its trailing comma', async () => {
    assert.strictEqual(snippet(await valueOf('    let b = call(\n        first,\n        second,\n    );')), 'call(first, second)');
  });

  it('cuts between tokens, never inside a name or a string', async () => {
    const chain = snippet(await valueOf('    let c = registry.connections_by_region_and_zone(region, zone);'), 30);
    assert.strictEqual(chain, 'registry.…');
    const text = snippet(await valueOf('    let d = "a string literal a good deal longer than the limit";'), 20);
    assert.strictEqual(text, '"a string literal a good deal longer than the limit"');
    assert.strictEqual(snippet(await valueOf('    let e = vec![1, 2,   3];')), 'vec![1, 2, 3]');
  });
});
