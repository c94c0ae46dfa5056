import * as fs from 'fs';

/**
 * Whether a rule is in a bundled server (dist/server.js). Steps for rules other engineers are still
 * building are skipped, with the reason printed, until this is true; then they run and must pass.
 */
export function bundleHasRule(serverBundle: string, ruleId: string): boolean {
  return new RegExp(`\\bid:\\s*["']${ruleId}["']`).test(fs.readFileSync(serverBundle, 'utf8'));
}
