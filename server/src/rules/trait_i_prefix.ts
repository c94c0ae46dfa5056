import type { Rule } from '../analysis/rule';

/**
 * `IRepository`, `IDrawable`: an `I`, then a capitalised word. Acronyms do not match: `IOError`,
 * `IEEE754`, and `IPv4…`/`IPv6…`, the one acronym whose next letter is lower case.
 */
const I_PREFIX = /^I(?!Pv\d)[A-Z][a-z]/;

export const traitIPrefix: Rule = {
  id: 'trait_i_prefix',
  severity: 'hint',
  section: 'Deref trait abuse creates inheritance-like patterns that violate Rust idioms',
  summary: 'A trait named like a C# interface (`IRepository`): Rust traits take no prefix',
  docs: {
    what: 'Flags trait declarations whose name is an `I` followed by a capitalised word, like `IRepository` or `ISerializer`.',
    why:
      'The `I` prefix is a C#/COM convention for telling interfaces from classes. Rust needs no such marker: a trait can only appear ' +
      'where a trait is expected (bounds, `impl … for`, `dyn`), so the syntax already says what it is. The prefix makes an API ' +
      'read as a foreign port and clashes with the standard library and every crate the code sits next to (`Read`, `Iterator`, ' +
      '`Serialize`). Name the capability instead: `Repository`, `Drawable`, `Serializer`.',
    example: [
      '# pub struct User;',
      'pub trait IRepository {',
      '    fn find(&self, id: u64) -> Option<User>;',
      '}',
    ].join('\n'),
    instead: [
      '# pub struct User;',
      'pub trait Repository {',
      '    fn find(&self, id: u64) -> Option<User>;',
      '}',
    ].join('\n'),
  },
  mentions: ['trait'],
  visit: {
    trait_item(node, ctx) {
      const name = node.childForFieldName('name');
      if (!name || !I_PREFIX.test(name.text)) return;
      ctx.report(name, `Trait \`${name.text}\` carries a C#-style \`I\` prefix: Rust traits are named for what they do (\`${name.text.slice(1)}\`).`);
    },
  },
};
