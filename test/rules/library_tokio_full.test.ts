import { checkFileRule } from '../support/checkFileRule';
import type { ManifestFacts } from '../../server/src/analysis/manifest';

const LIB: ManifestFacts = { hasMainFile: false, hasLibFile: true, underWorkspaceRoot: false, reliesOnUnwinding: false };

describe('library_tokio_full', () => {
  it('flags "full" in the tokio features of a library, however the dependency is written', () => {
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio = { version = "1", features = ["sync", "full"] }
      #                                             ^^^^^^ every tokio feature
       [target.'cfg(unix)'.dependencies.rt]
       package = "tokio"
       version = "1"
       features = ["full"]
      #            ^^^^^^ every tokio feature
    `, { manifest: LIB });
  });

  it('leaves binaries, dev-dependencies and named features alone', () => {
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio = { version = "1", features = ["sync", "time"] }
       [dev-dependencies]
       tokio = { version = "1", features = ["full"] }
    `, { manifest: LIB });
    checkFileRule('library_tokio_full', `
       [package]
       name = "server"
       [dependencies]
       tokio = { version = "1", features = ["full"] }
    `, { manifest: { ...LIB, hasMainFile: true, hasLibFile: false } });
  });

  it('leaves an unpublished library alone: only its own workspace builds it', () => {
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       publish = false
       [dependencies]
       tokio = { version = "1", features = ["full"] }
    `, { manifest: LIB });
    // No description or license: crates.io would refuse it (the host reads the workspace's too).
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio = { version = "1", features = ["full"] }
    `, { manifest: { ...LIB, publishable: false } });
  });

  it('takes publish from [workspace.package] with publish.workspace = true, and reads publish = [] as unpublished', () => {
    const member = (publish: string) => `
       [package]
       name = "limiter"
       ${publish}
       [dependencies]
       tokio = { version = "1", features = ["full"] }
    `;
    checkFileRule('library_tokio_full', member('publish.workspace = true'), { manifest: { ...LIB, underWorkspaceRoot: true, workspacePublish: false } });
    checkFileRule('library_tokio_full', member('publish = []'), { manifest: LIB });
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       publish = { workspace = true }
       [dependencies]
       tokio = { version = "1", features = ["full"] }
      #                                     ^^^^^^ every tokio feature
    `, { manifest: { ...LIB, underWorkspaceRoot: true, workspacePublish: true } });
  });

  it('reads `workspace = true` as Cargo does: the workspace entry\'s features, and those added on top', () => {
    const workspaceDependencies = { tokio: { version: '1', features: ['full'] }, rt: { package: 'tokio', version: '1' }, serde: { version: '1', features: ['derive'] } };
    const member = { manifest: { ...LIB, underWorkspaceRoot: true, workspaceDependencies } };
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio = { workspace = true, features = ["sync"] }
      #          ^^^^^^^^^^^^^^^^ takes tokio's "full" from \`[workspace.dependencies]\`
       serde.workspace = true
    `, member);
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio.workspace = true
      #^^^^^^^^^^^^^^^^^^^^^^ takes tokio's "full"
    `, member);
    // Renamed in the workspace: \`rt\` is tokio, and "full" added on top counts like any other.
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       rt = { workspace = true, features = ["full"] }
      #                                     ^^^^^^ every tokio feature
    `, member);
    // A workspace entry asking for less, and a member that is a binary, are left alone.
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio = { workspace = true, features = ["sync"] }
    `, { manifest: { ...member.manifest, workspaceDependencies: { tokio: { version: '1', features: ['rt'] } } } });
    checkFileRule('library_tokio_full', `
       [package]
       name = "server"
       [dependencies]
       tokio = { workspace = true }
    `, { manifest: { ...member.manifest, hasMainFile: true, hasLibFile: false } });
  });

  it('reads a root package\'s own [workspace.dependencies]', () => {
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [workspace]
       [workspace.dependencies]
       tokio = { version = "1", features = ["full"] }
       [dependencies]
       tokio = { workspace = true }
      #          ^^^^^^^^^^^^^^^^ takes tokio's "full"
    `, { manifest: LIB });
  });

  it('says nothing without the facts that tell a library', () => {
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio = { version = "1", features = ["full"] }
    `, {});
  });
});
