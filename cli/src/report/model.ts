import type { CrateFacts } from '../../../server/src/analysis/crateFacts';
import type { FileKind } from '../../../server/src/analysis/fileRule';
import type { OtherFileFacts } from '../../../server/src/analysis/otherFiles';
import type { ConfigProblem } from '../../../server/src/config/configFile';
import type { Severity } from '../../../server/src/analysis/rule';

/** What the main thread and the workers exchange, and what the formatters read. */

/** 0-based line, column in UTF-16 code units (as in LSP). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Task {
  file: string;
  /** Path relative to the project, for the test-code exemptions of a file in no package (tests/, examples/, build.rs…). */
  relativePath: string;
  /** What the file's package says about it (its role, MSRV, cross-file facts). */
  crate?: CrateFacts;
  /**
   * The manifest of the file's package, when the worker builds its model (`crate` is then left out):
   * the worker parses each file once, for the model's declarations and for the analysis.
   */
  packageManifest?: string;
  ruleIds: string[];
  timeoutSeconds: number;
  fix: boolean;
  /** Compute each finding's repairs (JSON and SARIF carry them). */
  withFixes: boolean;
  /** A Cargo.toml or Dockerfile, for the file rules, with what was read beside it. */
  other?: { kind: FileKind; facts: OtherFileFacts };
}

export interface ReportedFix {
  title: string;
  safe: boolean;
  edits: (Range & { newText: string })[];
}

export interface ReportedFinding extends Range {
  ruleId: string;
  message: string;
  /** The finding's own level when it is milder than its rule's (Finding.severity). */
  severity?: Severity;
  /** The source line the finding starts on, for the caret display. */
  lineText: string;
  related?: (Range & { message: string })[];
  fixes?: ReportedFix[];
}

export interface FileResult {
  file: string;
  findings: ReportedFinding[];
  /** Safe fixes applied by --fix. */
  fixed: number;
  /** The file was not checked: `error` (unreadable, unwritable: the run exits 2) or `skipped` (not UTF-8, too large, not analysable). */
  problem?: { kind: 'error' | 'skipped'; message: string };
}

/** A finding with the level the file's configuration gives its rule. */
export interface LeveledFinding extends ReportedFinding {
  severity: Severity;
}

export interface CheckedFile extends FileResult {
  /** As shown to the user: relative to the working directory when inside it. */
  path: string;
  findings: LeveledFinding[];
}

/** Everything a formatter needs. */
export interface Report {
  cwd: string;
  files: CheckedFile[];
  configProblems: (ConfigProblem & { path: string })[];
  /** Command-line paths that could not be read. */
  pathErrors: { path: string; message: string }[];
  elapsedMs: number;
  /** Files whose results came from the cache of an earlier run. */
  cached: number;
  /** Why the cache could not be written, if it could not. */
  cacheProblem?: string;
}
