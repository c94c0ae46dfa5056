import { parse } from 'smol-toml';

/** The TOML document, or undefined for no text or an invalid one. */
export function parseToml(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A TOML table (not an array, a date or a scalar). */
export function table(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Record<string, unknown>) : undefined;
}
