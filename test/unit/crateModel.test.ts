import * as assert from 'assert';
import * as path from 'path';
import { createParser } from '../../server/src/analysis/parser';
import { CrateIndex } from '../../server/src/crate/crateIndex';
import { DiskReader } from '../../server/src/crate/diskReader';
import { readManifest } from '../../server/src/crate/manifest';
import { project } from '../support/cli';

export const CRATES = path.resolve(__dirname, '../../../test/fixtures/crates');

async function index(): Promise<CrateIndex> {
  return new CrateIndex(new DiskReader(), { parser: await createParser() });
}

describe('crate model', () => {
  it('gives each file of a package the role cargo gives it', async () => {
    const crates = await index();
    const root = path.join(CRATES, 'service');
    const at = (rel: string) => path.join(root, rel);
    const model = crates.buildNow(at('src/lib.rs'))!;
    assert.strictEqual(model.name, 'service');
    assert.strictEqual(model.edition, '2021');
    const role = (rel: string) => crates.factsFor(at(rel))?.role;
    assert.strictEqual(role('src/lib.rs'), 'production');
    assert.strictEqual(role('src/api/audit.rs'), 'production', 'a module of a module, in its directory');
    assert.strictEqual(role('src/test_support.rs'), 'test', 'reached only through #[cfg(test)] mod test_support;');
    assert.strictEqual(role('build/main.rs'), 'build', 'build = "build/main.rs"');
    assert.strictEqual(role('build/protos.rs'), 'build', 'a module of the build script');
    assert.strictEqual(role('tests/prices.rs'), 'test');
    assert.strictEqual(role('ui-tests/missing_await.rs'), 'fixture', 'no target compiles it');
    assert.strictEqual(model.files.get(at('src/api/mod.rs'))?.module, 'crate::api');
  });

  it('knows the cross-file facts: async fns, timeout-bearing clients, the public API', async () => {
    const crates = await index();
    const root = path.join(CRATES, 'service');
    const model = crates.buildNow(path.join(root, 'src/lib.rs'))!;
    assert.deepStrictEqual([...model.asyncFns].sort(), ['price', 'prices', 'record']);
    assert.deepStrictEqual([...model.timeouts.fields], ['http'], 'Self { http } after let http = …timeout(..)…');
    assert.strictEqual(model.timeouts.allClientsTimed, false, 'api/mod.rs builds a Client::new() too');
    assert.ok(model.publicTypes.has('AppState'), 'pub use state::AppState');
    const api = (rel: string) => crates.factsFor(path.join(root, rel))?.api;
    assert.deepStrictEqual([...api('src/lib.rs')!.modules], ['']);
    assert.deepStrictEqual([...api('src/parse.rs')!.modules], [], 'mod parse; is private and nothing re-exports cents');
    assert.deepStrictEqual([...api('src/api/audit.rs')!.modules], []);
    assert.deepStrictEqual([...api('src/api/mod.rs')!.modules], ['']);
  });

  it('knows whether production code relies on unwinding: catching a panic, or spawning tasks, outside tests and comments', async () => {
    const relies = async (main: string) => {
      const root = project({ 'Cargo.toml': '[package]\nname = "w"\nversion = "0.1.0"\nedition = "2021"\n', 'src/main.rs': main });
      return (await index()).buildNow(path.join(root, 'src/main.rs'))!.reliesOnUnwinding;
    };
    assert.strictEqual(await relies('fn main() { let _ = std::panic::catch_unwind(|| ()); }\n'), true);
    assert.strictEqual(await relies('use tokio::task;\nasync fn run() { task::spawn(async {}); }\nfn main() {}\n'), true);
    assert.strictEqual(await relies('async fn run() { tokio::select! { _ = tokio::spawn(async {}) => {} } }\nfn main() {}\n'), true, 'inside a macro');
    assert.strictEqual(await relies('async fn run(h: tokio::task::JoinHandle<()>) { let _ = h.await; }\nfn main() {}\n'), true);
    assert.strictEqual(await relies('// catch_unwind would hide this\nfn main() { println!("tokio::spawn"); }\n'), false, 'comments and strings');
    assert.strictEqual(await relies('fn main() { std::thread::spawn(|| ()); }\n'), false, 'a thread is no task the runtime keeps a panic in');
    assert.strictEqual(await relies('fn main() {}\n#[cfg(test)]\nmod tests {\n    #[tokio::test]\n    async fn t() { tokio::spawn(async {}); }\n}\n'), false, 'test code');
  });

  it('counts a package that exists for tests (its name says so) as test code, every target of it', async () => {
    const root = project({
      'Cargo.toml': '[workspace]\nmembers = ["client-api-test", "cdk-integration-tests", "attest"]\n',
      'client-api-test/Cargo.toml': '[package]\nname = "client-api-test"\nversion = "0.1.0"\n',
      'client-api-test/src/lib.rs': 'pub fn user() {}\n',
      'cdk-integration-tests/Cargo.toml': '[package]\nname = "cdk-integration-tests"\nversion = "0.1.0"\ndescription = "d"\nlicense = "MIT"\n',
      'cdk-integration-tests/src/bin/start.rs': 'fn main() {}\n',
      'attest/Cargo.toml': '[package]\nname = "attest"\nversion = "0.1.0"\n',
      'attest/src/lib.rs': 'pub fn quote() {}\n',
    });
    const crates = await index();
    for (const file of ['client-api-test/src/lib.rs', 'cdk-integration-tests/src/bin/start.rs', 'attest/src/lib.rs']) crates.buildNow(path.join(root, file));
    assert.strictEqual(crates.factsFor(path.join(root, 'client-api-test/src/lib.rs'))?.role, 'test');
    assert.strictEqual(crates.factsFor(path.join(root, 'cdk-integration-tests/src/bin/start.rs'))?.role, 'test');
    assert.strictEqual(crates.factsFor(path.join(root, 'attest/src/lib.rs'))?.role, 'production', 'a word that merely ends in "test"');
  });

  it('reads rust-version and edition, inherited from the workspace too', async () => {
    const crates = await index();
    assert.deepStrictEqual(crates.buildNow(path.join(CRATES, 'old-msrv/src/lib.rs'))?.msrv, [1, 31, 0]);
    const ws = project({
      'Cargo.toml': '[workspace]\nmembers = ["member"]\n[workspace.package]\nedition = "2018"\nrust-version = "1.36.1"\n',
      'member/Cargo.toml': '[package]\nname = "member"\nversion = "0.1.0"\nedition.workspace = true\nrust-version = { workspace = true }\n',
      'member/src/lib.rs': 'pub fn f() {}\n',
    });
    const manifest = readManifest(path.join(ws, 'member/Cargo.toml'), new DiskReader())!;
    assert.strictEqual(manifest.edition, '2018');
    assert.deepStrictEqual(manifest.msrv, [1, 36, 1]);
    assert.strictEqual((await index()).factsFor(path.join(ws, 'Cargo.toml')), undefined, 'a virtual workspace is no package');
  });

  it('takes clippy.toml\'s msrv over rust-version, from the package\'s directory or one above, as clippy does', () => {
    const ws = project({
      'clippy.toml': 'msrv = "1.56"\n',
      'member/Cargo.toml': '[package]\nname = "member"\nversion = "0.1.0"\nrust-version = "1.70"\n',
      'member/src/lib.rs': '',
      'own/Cargo.toml': '[package]\nname = "own"\nversion = "0.1.0"\nrust-version = "1.70"\n',
      'own/.clippy.toml': 'msrv = "1.63.0"\n',
      'own/src/lib.rs': '',
    });
    const read = (dir: string) => {
      const m = readManifest(path.join(ws, dir, 'Cargo.toml'), new DiskReader())!;
      return [m.msrv, m.msrvFrom];
    };
    assert.deepStrictEqual(read('member'), [[1, 56, 0], 'clippy.toml']);
    assert.deepStrictEqual(read('own'), [[1, 63, 0], 'clippy.toml']);
  });

  it('knows whether crates.io would take the package: a description, a license (own or the workspace\'s), no publish = false', () => {
    const published = (pkg: string, ws = '') => {
      const root = project({ 'Cargo.toml': `[workspace]\nmembers = ["m"]\n${ws}`, 'm/Cargo.toml': `[package]\nname = "m"\nversion = "0.1.0"\n${pkg}`, 'm/src/lib.rs': '' });
      return readManifest(path.join(root, 'm/Cargo.toml'), new DiskReader())!.published;
    };
    assert.strictEqual(published('description = "d"\nlicense = "MIT"\n'), true);
    assert.strictEqual(published('description = "d"\nlicense-file = "LICENSE"\n'), true);
    assert.strictEqual(published('description = "d"\nlicense.workspace = true\n', '[workspace.package]\nlicense = "MIT"\n'), true);
    assert.strictEqual(published(''), false, 'an internal crate of a service: neither');
    assert.strictEqual(published('description = "d"\n'), false, 'no license');
    assert.strictEqual(published('description = "d"\nlicense = "MIT"\npublish = false\n'), false);
    assert.strictEqual(published('description = "d"\nlicense = "MIT"\npublish = []\n'), false);
    assert.strictEqual(published('description = "d"\nlicense = "MIT"\npublish.workspace = true\n', '[workspace.package]\npublish = false\n'), false);
  });

  it('finds declared and discovered targets, and honours autobins = false and build = false', () => {
    const root = project({
      'Cargo.toml': '[package]\nname = "t"\nversion = "0.1.0"\nedition = "2021"\nautobins = false\nbuild = false\n[lib]\npath = "lib/root.rs"\n[[bin]]\nname = "tool"\npath = "tools/tool.rs"\n[[example]]\nname = "demo"\n',
      'lib/root.rs': '',
      'src/main.rs': 'fn main() {}\n',
      'src/bin/other.rs': 'fn main() {}\n',
      'tools/tool.rs': 'fn main() {}\n',
      'examples/demo/main.rs': 'fn main() {}\n',
      'benches/speed.rs': '',
      'build.rs': 'fn main() {}\n',
    });
    const targets = readManifest(path.join(root, 'Cargo.toml'), new DiskReader())!.targets.map((t) => `${t.kind} ${path.relative(root, t.file)}`);
    assert.deepStrictEqual(targets.sort(), ['bench benches/speed.rs', 'bin tools/tool.rs', 'example examples/demo/main.rs', 'lib lib/root.rs']);
  });

  it('follows #[path], inline modules and mod declarations inside cfg_if!-style macros', async () => {
    const root = project({
      'Cargo.toml': '[package]\nname = "m"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/lib.rs': '#[path = "platform/unix_impl.rs"]\nmod unix;\nmod outer {\n    pub mod inner;\n}\ncfg_if::cfg_if! {\n    if #[cfg(windows)] { mod win; } else { mod other; }\n}\n',
      'src/platform/unix_impl.rs': 'mod helper;\n',
      'src/platform/helper.rs': '',
      'src/outer/inner.rs': '',
      'src/win.rs': '',
      'src/other.rs': '#[cfg(test)]\nmod tests;\n',
      'src/other/tests.rs': '',
      'src/orphan.rs': '',
      'assets/syntaxes/syntax_test_rust.rs': 'pub fn f() -> Result<(), String> { Ok(()) }\n',
    });
    const crates = await index();
    const model = crates.buildNow(path.join(root, 'src/lib.rs'))!;
    const roles = Object.fromEntries([...model.files].map(([f, v]) => [path.relative(root, f), v.role]));
    assert.deepStrictEqual(roles, {
      'src/lib.rs': 'production',
      'src/platform/unix_impl.rs': 'production',
      'src/platform/helper.rs': 'production',
      'src/outer/inner.rs': 'production',
      'src/win.rs': 'production',
      'src/other.rs': 'production',
      'src/other/tests.rs': 'test',
    });
    assert.strictEqual(crates.factsFor(path.join(root, 'src/orphan.rs'))?.role, 'production', 'unreached, outside fixture dirs: judged as before');
    assert.strictEqual(crates.factsFor(path.join(root, 'assets/syntaxes/syntax_test_rust.rs'))?.role, 'fixture', 'a highlighter\'s sample, no target compiles it');
  });

  it('knows generated code by its header, and the modules a generated file declares', async () => {
    const root = project({
      'Cargo.toml': '[package]\nname = "g"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/lib.rs': '//! Wrappers for the types generated by `bind!`.\npub mod auto;\nmod pb;\nmod bindings;\nmod manual;\ninclude!("sys/included.rs");\n',
      'src/auto/mod.rs': '// This file was generated by gir (https://github.com/gtk-rs/gir)\n// from gir-files\n// DO NOT EDIT\n\nmod button;\npub use self::button::Button;\n',
      'src/auto/button.rs': 'pub struct Button;\n',
      'src/pb.rs': '// Licensed under MIT.\n#![allow(clippy::all)]\n// @generated by prost-build\npub struct Msg;\n',
      'src/bindings.rs': '/* automatically generated by rust-bindgen 0.69 */\npub type size_t = usize;\n',
      'src/manual.rs': 'pub fn f() {}\n// generated by hand, DO NOT EDIT below this line is only a comment after an item\n',
      'src/sys/included.rs': '/* automatically generated by rust-bindgen 0.59.1 */\npub type CK_FLAGS = u64;\n',
      'src/sys/unreached.rs': 'pub fn g() {}\n',
    });
    const crates = await index();
    const model = crates.buildNow(path.join(root, 'src/lib.rs'))!;
    const roles = Object.fromEntries([...model.files].map(([f, v]) => [path.relative(root, f), v.role]));
    assert.deepStrictEqual(roles, {
      'src/lib.rs': 'production',
      'src/auto/mod.rs': 'generated',
      'src/auto/button.rs': 'generated',
      'src/pb.rs': 'generated',
      'src/bindings.rs': 'generated',
      'src/manual.rs': 'production',
    });
    // Pulled in by include!, which no module tree shows: the header alone tells.
    assert.strictEqual(crates.factsFor(path.join(root, 'src/sys/included.rs'))?.role, 'generated');
    assert.strictEqual(crates.factsFor(path.join(root, 'src/sys/unreached.rs'))?.role, 'production');
  });

  it('resolves pub use re-exports, globs and chains into the public API', async () => {
    const root = project({
      'Cargo.toml': '[package]\nname = "r"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/lib.rs': 'mod a;\nmod b;\nmod c;\npub use a::exported;\npub use b::*;\npub use c::Thing;\n',
      'src/a.rs': 'pub fn exported() {}\npub fn hidden() {}\n',
      'src/b.rs': 'pub fn globbed() {}\npub(crate) fn internal() {}\n',
      'src/c.rs': 'mod d;\npub use self::d::Thing;\n',
      'src/c/d.rs': 'pub struct Thing;\n',
    });
    const crates = await index();
    crates.buildNow(path.join(root, 'src/lib.rs'));
    const items = (rel: string) => [...(crates.factsFor(path.join(root, rel))?.api?.items ?? [])].sort();
    assert.deepStrictEqual(items('src/a.rs'), ['exported']);
    assert.deepStrictEqual(items('src/b.rs'), ['globbed']);
    assert.deepStrictEqual(items('src/c/d.rs'), ['Thing'], 'a re-export of a re-export');
    assert.ok(crates.modelOf(path.join(root, 'src/lib.rs'))!.publicTypes.has('Thing'));
  });
});
