/**
 * A short fingerprint of `text[start, end)`, for cache keys. Keys built from slices of the
 * document would keep every old version of the text alive as long as the key; two independent
 * 32-bit hashes and the length make a collision (a stale cached result) vanishingly unlikely.
 */
export function textKey(text: string, start: number, end: number): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `${end - start}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
