import * as assert from 'assert';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ruleById } from '../../server/src/rules';
import { checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { applyFix, fixesFor, verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'linked_list';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

const QUEUE = [
  'use std::collections::{HashMap, LinkedList};',
  '',
  'pub struct Scheduler {',
  '    jobs: LinkedList<u32>,',
  '    owners: HashMap<u32, String>,',
  '}',
  '',
  'impl Scheduler {',
  '    pub fn new() -> Self {',
  '        Scheduler { jobs: LinkedList::new(), owners: HashMap::new() }',
  '    }',
  '    pub fn submit(&mut self, id: u32) {',
  '        self.jobs.push_back(id);',
  '    }',
  '    pub fn next(&mut self) -> Option<u32> {',
  '        let first = self.jobs.pop_front()?;',
  '        let mut rest: LinkedList<u32> = std::collections::LinkedList::new();',
  '        rest.extend(self.jobs.iter().copied());',
  '        self.jobs = rest;',
  '        Some(first + self.jobs.iter().count() as u32 + self.jobs.len() as u32)',
  '    }',
  '}',
  '',
].join('\n');

describe(RULE, () => {
  it('flags every type and every constructor of std\'s LinkedList', async () => {
    const findings = await lint(QUEUE, RULE);
    assert.deepStrictEqual(findings.map((f) => [QUEUE.slice(0, f.start).split('\n').length, f.text]), [[4, 'LinkedList'], [10, 'LinkedList'], [17, 'LinkedList'], [17, 'LinkedList']]);
    assert.match(findings[0].message, /`LinkedList<u32>` is a linked list/);
    assert.match(findings[3].message, /`std::collections::LinkedList::new\(…\)` builds a linked list/);
  });

  it('follows aliases and full paths', async () => {
    assert.deepStrictEqual(await flagged('use std::collections::LinkedList as List;\nfn f(l: List<u8>) {}'), ['List']);
    assert.deepStrictEqual(await flagged('fn f() -> std::collections::linked_list::LinkedList<u8> { todo!() }'), ['LinkedList']);
    assert.deepStrictEqual(await flagged('use alloc::collections::LinkedList;\nstruct S { l: LinkedList<u8> }'), ['LinkedList']);
  });

  it('leaves other lists alone', async () => {
    // The file's own type, another crate's type, a name in a string or comment, VecDeque itself.
    assert.deepStrictEqual(await flagged('struct LinkedList<T> { head: Option<Box<T>> }\nfn f(l: LinkedList<u8>) { let m = LinkedList::new(); }'), []);
    assert.deepStrictEqual(await flagged('use intrusive::LinkedList;\nfn f(l: LinkedList<u8>) {}'), []);
    assert.deepStrictEqual(await flagged('// a LinkedList would be slow here\nfn f() -> &\'static str { "LinkedList" }'), []);
    assert.deepStrictEqual(await flagged('use std::collections::VecDeque;\nfn f(q: VecDeque<u8>) {}'), []);
  });

  it('leaves code that supports the type rather than choosing it, or uses what lists do best', async () => {
    // A trait implemented for every std collection (serde, quickcheck, rayon…).
    assert.deepStrictEqual(await flagged('use std::collections::LinkedList;\nimpl<T: Encode> Encode for LinkedList<T> {}'), []);
    const decode = 'impl<T: Decode> Decode for LinkedList<T> {\n    fn decode(d: &mut D) -> LinkedList<T> {\n        let mut list = LinkedList::new();\n        list.push_back(T::decode(d));\n        list\n    }\n}';
    assert.deepStrictEqual(await flagged(`use std::collections::LinkedList;\n${decode}`), []);
    // Generic helpers over lists of any element type.
    assert.deepStrictEqual(await flagged('use std::collections::LinkedList;\nfn len<T>(list: &LinkedList<Vec<T>>) -> usize { list.iter().map(Vec::len).sum() }'), []);
    // O(1) append and split_off are the reason a LinkedList exists (rayon's parallel reductions).
    assert.deepStrictEqual(await flagged('use std::collections::LinkedList;\nfn join<T>(mut a: LinkedList<T>, mut b: LinkedList<T>) -> LinkedList<T> { a.append(&mut b); a }'), []);
    // Tests and benchmarks of the list itself.
    assert.deepStrictEqual((await lint('use std::collections::LinkedList;\nfn b() { let l: LinkedList<u8> = LinkedList::new(); }', RULE, 'benches/list.rs')).length, 0);
    // An inherent impl of a local wrapper is still a choice.
    assert.deepStrictEqual(await flagged('use std::collections::LinkedList;\nimpl Jobs { fn new() -> Self { Jobs(LinkedList::new()) } }'), ['LinkedList']);
  });

  it('exempts only the impl for LinkedList, not the rest of its file, also as the file is edited', async () => {
    await checkRule(RULE, `
      use std::collections::LinkedList;
      impl<T: Decode> Decode for LinkedList<T> {
          fn decode(d: &mut D) -> LinkedList<T> { LinkedList::new() }
      }
      struct Folder { list: LinkedList<String> }
                          //^^^^^^^^^^ \`LinkedList<String>\` is a linked list
      fn complete() -> LinkedList<String> { LinkedList::new() }
                     //^^^^^^^^^^ \`LinkedList<String>\` is a linked list
                                          //^^^^^^^^^^ builds a linked list
    `);
    const text = 'use std::collections::LinkedList;\nstruct Folder { list: LinkedList<String> }\n';
    const parser = await createParser();
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer([ruleById(RULE)!], { testFile: false }, { parser }), () => 1 << 30);
    try {
      assert.strictEqual(doc.analyze().findings.length, 1);
      const end = doc.textDocument.positionAt(text.length);
      doc.applyChanges([{ range: { start: end, end }, text: 'impl<T> Extend<T> for LinkedList<T> {}\n' }], 2);
      assert.strictEqual(doc.analyze().findings.length, 1);
    } finally {
      doc.dispose();
    }
  });

  it('replaces LinkedList with VecDeque in the whole file, and the result compiles', async () => {
    const after = await verifyFix(QUEUE, RULE, { finding: 1, compile: rustcCheck });
    assert.ok(!(await lint(after, RULE)).length, after);
    assert.ok(!after.includes('LinkedList'), after);
    assert.match(after, /^use std::collections::\{HashMap, VecDeque\};/);
    assert.match(after, /jobs: VecDeque::new\(\)/);
    assert.match(after, /std::collections::VecDeque::new\(\)/);
  });

  it('drops the import instead when VecDeque is imported already, and keeps aliases', async () => {
    const both = 'use std::collections::{LinkedList, VecDeque};\npub fn f(q: VecDeque<u8>) -> LinkedList<u8> { q.into_iter().collect() }\n';
    const after = await verifyFix(both, RULE, { compile: rustcCheck });
    assert.strictEqual(after, 'use std::collections::{VecDeque};\npub fn f(q: VecDeque<u8>) -> VecDeque<u8> { q.into_iter().collect() }\n');
    const separate = 'use std::collections::LinkedList;\nuse std::collections::VecDeque;\npub fn f(q: VecDeque<u8>) -> LinkedList<u8> { q.into_iter().collect() }\n';
    assert.strictEqual(await verifyFix(separate, RULE, { compile: rustcCheck }), 'use std::collections::VecDeque;\npub fn f(q: VecDeque<u8>) -> VecDeque<u8> { q.into_iter().collect() }\n');
    const alias = 'use std::collections::LinkedList as List;\npub fn f() -> List<u8> { let mut l = List::new(); l.push_front(1); l }\n';
    assert.strictEqual(await verifyFix(alias, RULE, { compile: rustcCheck }), 'use std::collections::VecDeque as List;\npub fn f() -> List<u8> { let mut l = List::new(); l.push_front(1); l }\n');
  });

  it('is a quick fix only, never applied by fix-all (public signatures change type)', async () => {
    const { fix } = await applyFix(QUEUE, RULE);
    assert.strictEqual(fix.safe, false);
  });

  it('declines where VecDeque cannot stand in', async () => {
    // A const constructor (VecDeque::new is const only since Rust 1.68) and list-only cursor methods.
    const constant = 'use std::collections::LinkedList;\nstatic EMPTY: LinkedList<u8> = LinkedList::new();\n';
    const [f1] = await lint(constant, RULE);
    assert.deepStrictEqual(await fixesFor(constant, f1), []);
    const cursor = 'use std::collections::LinkedList;\nfn f(l: &mut LinkedList<u8>) { l.cursor_front_mut().move_next(); }\n';
    const [f2] = await lint(cursor, RULE);
    assert.deepStrictEqual(await fixesFor(cursor, f2), []);
  });
});
