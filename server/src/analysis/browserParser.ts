import * as TreeSitter from 'web-tree-sitter';
import type { BrowserAssets } from '../../../shared/protocol';
import { ParserHeap, instantiate } from './parsing';

/**
 * A Web Worker's parser heap, its wasm fetched from the extension's URLs. The library is bundled,
 * evaluated once: there is no second heap to move to, so this one is never renewed.
 */
export async function loadBrowserParserHeap(assets: BrowserAssets): Promise<ParserHeap> {
  return new ParserHeap(await instantiate(TreeSitter, assets.runtime, assets.grammar));
}
