import { existsSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

/**
 * The rule pages ship beside the bundles (docs/rules/ in the extension and the npm package): their
 * base URL for a bundle in `bundleDir`, or undefined where they are not there (no dead links).
 */
export function shippedDocsBase(bundleDir: string): string | undefined {
  const docs = path.resolve(bundleDir, '..', 'docs', 'rules');
  return existsSync(docs) ? `${pathToFileURL(docs).href}/` : undefined;
}
