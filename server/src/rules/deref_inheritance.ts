import type { Rule } from '../analysis/rule';
import { isStd } from './util/smartPointers';
import { typePath } from './util/types';
import { snippet } from './util/syntax';

export const derefInheritance: Rule = {
  id: 'deref_inheritance',
  // A hint: the docs' last sentences say what the corpora measured.
  severity: 'hint',
  allowedInTests: true,
  section: 'Deref trait abuse creates inheritance-like patterns that violate Rust idioms',
  summary: '`impl Deref for X` targeting another struct of the file: inheritance by Deref',
  docs: {
    what: 'Flags the `type Target = Y;` of an `impl Deref for X` when `Y` is a struct defined in the same file that `X` holds by value in one of its fields: `X` embeds `Y` and derefs to it, like a subclass to its base. Wrappers around `&Y`, `Box<Y>` or raw pointers (guards, views, owned/borrowed pairs) are smart pointers and left alone, as are type parameters, `str` and slices. ' +
      'A hint: most `Deref` impls onto another struct of the file are wrappers a reviewer accepts (a newtype asserting `Send`, an owned form derefing to its borrowed one, a typestate or platform handle around its inner value); judged strictly it was right on 10 of 19 findings in Debian\'s crates, where it marks inheritance by embedding (rustls, sequoia, cargo). Test code is left alone.',
    why:
      '`Deref` exists so smart pointers (`Box`, `Rc`, `String`, guards) can stand in for what they point to. Using it to make `X` ' +
      'expose all of `Y`\'s methods imitates inheritance, and it surprises: method calls resolve to `Y` silently, `X` does not ' +
      'actually implement `Y`\'s traits so generic code rejects it, and one `Deref` target is all a type gets, so the "hierarchy" ' +
      'cannot grow. Keep `Y` as a field and forward the few methods `X` should offer, or put the shared behaviour in a trait ' +
      'both implement.',
    example: [
      '# use std::ops::Deref;',
      'struct Employee { name: String }',
      'struct Manager { base: Employee, reports: Vec<Employee> }',
      'impl Deref for Manager {',
      '    type Target = Employee;',
      '    fn deref(&self) -> &Employee { &self.base }',
      '}',
    ].join('\n'),
    instead: [
      '# struct Employee { name: String }',
      'struct Manager { base: Employee, reports: Vec<Employee> }',
      'impl Manager {',
      '    pub fn name(&self) -> &str { &self.base.name }',
      '}',
    ].join('\n'),
  },
  mentions: ['Target'],
  visit: {
    type_item(node, ctx) {
      if (node.childForFieldName('name')?.text !== 'Target') return;
      const impl = node.parent?.parent;
      const trait = impl?.type === 'impl_item' ? impl.childForFieldName('trait') : null;
      const target = node.childForFieldName('type');
      const self = impl?.childForFieldName('type');
      if (!trait || !target || !self || !isStd(trait.text, 'Deref', ctx)) return;
      const targetName = typePath(target);
      const selfName = typePath(self);
      if (!ctx.facts.structs.has(targetName) || targetName === selfName) return;
      // Inheritance embeds the target by value; a wrapper around `&Y`, `Box<Y>` or a raw pointer is a smart pointer.
      if (!ctx.facts.embeds.get(selfName)?.has(targetName)) return;
      ctx.report(node, `\`impl Deref for ${snippet(self, 60)}\` with \`Target = ${snippet(target, 60)}\` makes \`${selfName}\` borrow \`${targetName}\`'s methods, inheritance-style: expose what callers need explicitly.`);
    },
  },
};
