import { DEFAULT_MAX_FILE_SIZE } from '../config/limits';
import type { SeveritySetting } from '../analysis/rule';

/** The `rustPatterns.*` settings, as the client sends them. */
export interface Settings {
  enable: boolean;
  /** Per-rule severity overrides. */
  rules: Record<string, SeveritySetting>;
  /** Seconds used by the timeout quick fix; unset, the project's `timeout-seconds` or 10 applies. */
  timeoutSeconds?: number;
  /** Larger documents are not analysed (bytes of text, roughly). */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** Accepts whatever the client sent and keeps only well-formed values. */
export function readSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, level] of Object.entries(s.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && SEVERITIES.has(level)) rules[id] = level as SeveritySetting;
    }
  }
  const num = <D>(v: unknown, d: D, min: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : d);
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_SETTINGS.enable,
    rules,
    timeoutSeconds: num(s.timeoutSeconds, undefined, 1),
    maxFileSize: num(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize, 1024),
  };
}
