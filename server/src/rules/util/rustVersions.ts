import type { Version } from '../../analysis/crateFacts';

/**
 * When the language features and std items `incompatible_msrv` knows became stable, as rustc's
 * RELEASES.md gives them (checked against 1.96's; clippy's `msrvs.rs` agrees). Only what syntax or a path tells apart from
 * anything else a crate may define: no method whose name a trait of another crate also uses.
 */
export interface RustFeature {
  /** How the message names it. */
  name: string;
  since: Version;
}

const v = (minor: number): Version => [1, minor, 0];

/** Std items by their full path (`core::` twins included). */
export const STD_ITEMS: ReadonlyMap<string, RustFeature> = new Map(
  (
    [
      ['mem::take', 40],
      ['thread::scope', 63],
      ['array::from_fn', 63],
      ['hint::black_box', 66],
      ['pin::pin', 68],
      ['sync::OnceLock', 70],
      ['cell::OnceCell', 70],
      ['io::Error::other', 74],
      ['num::NonZero', 79],
      ['sync::LazyLock', 80],
      ['cell::LazyCell', 80],
      ['error::Error', 81, 'core'],
      ['iter::repeat_n', 82],
    ] as [string, number, string?][]
  ).flatMap(([path, minor, only]) =>
    (only ? [only] : ['std', 'core']).map((root): [string, RustFeature] => [`${root}::${path}`, { name: `\`${root}::${path}\``, since: v(minor) }]),
  ),
);

/** Methods of `Option`, `Result` and `bool` whose names nothing else in common use has. */
export const STD_METHODS: ReadonlyMap<string, RustFeature> = new Map(
  (
    [
      ['then_some', 62, 'bool::then_some'],
      ['is_some_and', 70, 'Option::is_some_and'],
      ['is_ok_and', 70, 'Result::is_ok_and'],
      ['is_err_and', 70, 'Result::is_err_and'],
      ['is_none_or', 82, 'Option::is_none_or'],
    ] as [string, number, string][]
  ).map(([method, minor, name]) => [method, { name: `\`${name}\``, since: v(minor) }]),
);

/** Language features, each found by its syntax. */
export const SYNTAX = {
  formatCapture: { name: 'an identifier captured in a format string (`"{x}"`)', since: v(58) },
  letElse: { name: '`let … else`', since: v(65) },
  genericAssociatedType: { name: 'a generic associated type', since: v(65) },
  asyncFnInTrait: { name: '`async fn` in a trait', since: v(75) },
  impTraitInTrait: { name: '`-> impl Trait` in a trait', since: v(75) },
  constBlock: { name: 'an inline `const { … }` block', since: v(79) },
  exclusiveRangePattern: { name: 'an exclusive range pattern (`a..b`)', since: v(80) },
  expectAttribute: { name: '`#[expect(…)]`', since: v(81) },
  asyncClosure: { name: 'an `async` closure', since: v(85) },
  letChain: { name: 'a let chain (`if let … && …`)', since: v(88) },
} satisfies Record<string, RustFeature>;

export function versionText(version: Version): string {
  return version[2] ? version.join('.') : `${version[0]}.${version[1]}`;
}
