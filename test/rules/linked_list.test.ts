import * as assert from 'assert';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ruleById } from '../../server/src/rules';
import { checkFix, checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { applyFix, fixesFor } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'linked_list';

describe(RULE, () => {
  it('flags every type and every constructor of std\'s LinkedList', async () => {
    await checkRule(RULE, `
      use std::collections::{HashMap, LinkedList};

      pub struct Scheduler {
          jobs: LinkedList<u32>,
              //^^^^^^^^^^ \`LinkedList<u32>\` is a linked list
          owners: HashMap<u32, String>,
      }

      impl Scheduler {
          pub fn new() -> Self {
              Scheduler { jobs: LinkedList::new(), owners: HashMap::new() }
                              //^^^^^^^^^^ \`LinkedList::new(…)\` builds a linked list
          }
          pub fn submit(&mut self, id: u32) {
              self.jobs.push_back(id);
          }
          pub fn next(&mut self) -> Option<u32> {
              let first = self.jobs.pop_front()?;
              let mut rest: LinkedList<u32> = std::collections::LinkedList::new();
                          //^^^^^^^^^^ \`LinkedList<u32>\` is a linked list
                                                              //^^^^^^^^^^ \`std::collections::LinkedList::new(…)\` builds a linked list
              rest.extend(self.jobs.iter().copied());
              self.jobs = rest;
              Some(first + self.jobs.iter().count() as u32 + self.jobs.len() as u32)
          }
      }
    `);
  });

  it('follows aliases and full paths', async () => {
    await checkRule(RULE, `
      use std::collections::LinkedList as List;
      fn f(l: List<u8>) {}
            //^^^^ \`List<u8>\` is a linked list
    `);
    await checkRule(RULE, `
      fn f() -> std::collections::linked_list::LinkedList<u8> { todo!() }
                                             //^^^^^^^^^^ \`std::collections::linked_list::LinkedList<u8>\` is a linked list
    `);
    await checkRule(RULE, `
      use alloc::collections::LinkedList;
      struct S { l: LinkedList<u8> }
                  //^^^^^^^^^^ \`LinkedList<u8>\` is a linked list
    `);
  });

  it('leaves other lists alone', async () => {
    // The file's own type, another crate's type, a name in a string or comment, VecDeque itself.
    await checkRule(RULE, `
      struct LinkedList<T> { head: Option<Box<T>> }
      fn f(l: LinkedList<u8>) { let m = LinkedList::new(); }
    `);
    await checkRule(RULE, `
      use intrusive::LinkedList;
      fn f(l: LinkedList<u8>) {}
    `);
    await checkRule(RULE, `
      // a LinkedList would be slow here
      fn f() -> &'static str { "LinkedList" }
    `);
    await checkRule(RULE, `
      use std::collections::VecDeque;
      fn f(q: VecDeque<u8>) {}
    `);
  });

  it('leaves code that supports the type rather than choosing it, or uses what lists do best', async () => {
    // A trait implemented for every std collection (serde, quickcheck, rayon…).
    await checkRule(RULE, `
      use std::collections::LinkedList;
      impl<T: Encode> Encode for LinkedList<T> {}
    `);
    await checkRule(RULE, `
      use std::collections::LinkedList;
      impl<T: Decode> Decode for LinkedList<T> {
          fn decode(d: &mut D) -> LinkedList<T> {
              let mut list = LinkedList::new();
              list.push_back(T::decode(d));
              list
          }
      }
    `);
    // Generic helpers over lists of any element type.
    await checkRule(RULE, `
      use std::collections::LinkedList;
      fn len<T>(list: &LinkedList<Vec<T>>) -> usize { list.iter().map(Vec::len).sum() }
    `);
    // O(1) append and split_off are the reason a LinkedList exists (rayon's parallel reductions).
    await checkRule(RULE, `
      use std::collections::LinkedList;
      fn join<T>(mut a: LinkedList<T>, mut b: LinkedList<T>) -> LinkedList<T> { a.append(&mut b); a }
    `);
    // Tests and benchmarks of the list itself.
    await checkRule(RULE, `
      use std::collections::LinkedList;
      fn b() { let l: LinkedList<u8> = LinkedList::new(); }
    `, { path: 'benches/list.rs' });
    // An inherent impl of a local wrapper is still a choice.
    await checkRule(RULE, `
      use std::collections::LinkedList;
      impl Jobs { fn new() -> Self { Jobs(LinkedList::new()) } }
                                        //^^^^^^^^^^ \`LinkedList::new(…)\` builds a linked list
    `);
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
    await checkFix(RULE, `
      use std::collections::{HashMap, LinkedList};

      pub struct Scheduler {
          jobs: LinkedList<u32>,
          owners: HashMap<u32, String>,
      }

      impl Scheduler {
          pub fn new() -> Self {
              Scheduler { jobs: LinkedList::new(), owners: HashMap::new() }
          }
          pub fn submit(&mut self, id: u32) {
              self.jobs.push_back(id);
          }
          pub fn next(&mut self) -> Option<u32> {
              let first = self.jobs.pop_front()?;
              let mut rest: LinkedList<u32> = std::collections::LinkedList::new();
              rest.extend(self.jobs.iter().copied());
              self.jobs = rest;
              Some(first + self.jobs.iter().count() as u32 + self.jobs.len() as u32)
          }
      }
    `, `
      use std::collections::{HashMap, VecDeque};

      pub struct Scheduler {
          jobs: VecDeque<u32>,
          owners: HashMap<u32, String>,
      }

      impl Scheduler {
          pub fn new() -> Self {
              Scheduler { jobs: VecDeque::new(), owners: HashMap::new() }
          }
          pub fn submit(&mut self, id: u32) {
              self.jobs.push_back(id);
          }
          pub fn next(&mut self) -> Option<u32> {
              let first = self.jobs.pop_front()?;
              let mut rest: VecDeque<u32> = std::collections::VecDeque::new();
              rest.extend(self.jobs.iter().copied());
              self.jobs = rest;
              Some(first + self.jobs.iter().count() as u32 + self.jobs.len() as u32)
          }
      }
    `, { finding: 1, compile: rustcCheck });
  });

  it('drops the import instead when VecDeque is imported already, and keeps aliases', async () => {
    await checkFix(RULE, `
      use std::collections::{LinkedList, VecDeque};
      pub fn f(q: VecDeque<u8>) -> LinkedList<u8> { q.into_iter().collect() }
    `, `
      use std::collections::{VecDeque};
      pub fn f(q: VecDeque<u8>) -> VecDeque<u8> { q.into_iter().collect() }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      use std::collections::LinkedList;
      use std::collections::VecDeque;
      pub fn f(q: VecDeque<u8>) -> LinkedList<u8> { q.into_iter().collect() }
    `, `
      use std::collections::VecDeque;
      pub fn f(q: VecDeque<u8>) -> VecDeque<u8> { q.into_iter().collect() }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      use std::collections::LinkedList as List;
      pub fn f() -> List<u8> { let mut l = List::new(); l.push_front(1); l }
    `, `
      use std::collections::VecDeque as List;
      pub fn f() -> List<u8> { let mut l = List::new(); l.push_front(1); l }
    `, { compile: rustcCheck });
  });

  it('is a quick fix only, never applied by fix-all (public signatures change type)', async () => {
    const { fix } = await applyFix('use std::collections::LinkedList;\npub fn f() -> LinkedList<u8> { LinkedList::new() }\n', RULE);
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
