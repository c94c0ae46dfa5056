/**
 * Identifier words, for rules that judge a binding by its name (`apiKey`, `API_KEY`, `api_key` all
 * give `["api", "key"]`).
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/^r#/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\W]+/)
    .filter(Boolean);
}

/**
 * What the lowercased text of any name holding one of `words` matches: the words of a name are pieces
 * of it, lowercased. Cheap to test on a whole unit's source before looking at its names one by one.
 * Case-insensitive, which equals testing the lowercased text except for the two characters
 * `toLowerCase` turns into ASCII letters (`İ`, the Kelvin sign): see `RulePlans.planFor`.
 */
export function nameWordPattern(words: Iterable<string>): RegExp {
  return new RegExp([...words].join('|'), 'i');
}

/** True when some word of `name` is in `words`, or two consecutive words joined are (`api_key` for `apikey`). */
export function nameHasWord(name: string, words: ReadonlySet<string>): boolean {
  const w = nameWords(name);
  return w.some((x, i) => words.has(x) || (i > 0 && words.has(w[i - 1] + x)));
}
