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

  it('says nothing without the facts that tell a library', () => {
    checkFileRule('library_tokio_full', `
       [package]
       name = "limiter"
       [dependencies]
       tokio = { version = "1", features = ["full"] }
    `, {});
  });
});
