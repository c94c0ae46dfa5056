import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from './codeServer';

/** A fresh copy of test-workspace/ (without build output), so the suites can edit and save freely. */
export function copyTestWorkspace(): string {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rp-e2e-ws-')), 'test-workspace');
  fs.cpSync(path.join(REPO, 'test-workspace'), target, { recursive: true, filter: (src) => !src.split(path.sep).includes('target') });
  return target;
}

/** Where screenshots and logs of the e2e suites go (ignored by git). */
export function artifactsDir(suite: string): string {
  const dir = path.join(REPO, 'test-artifacts', suite);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
