import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from './finding';

/** What the host knows about a Dockerfile beyond its text. Unknown facts are left out. */
export interface DockerFacts {
  /**
   * The file's path inside its project, from the repository's root (or the outermost Cargo.toml's
   * directory): its name and directories say what it is for (`Dockerfile.dev`, `ci/cgroups/Dockerfile`).
   */
  path?: string;
  /** The `.dockerignore` of its build context: its text, `null` when there is none. */
  dockerignore?: string | null;
}

/** One instruction, with its place in the text. */
export interface Step extends Span {
  keyword: string;
  /** The instruction as written, continuation lines included. */
  raw: string;
  /** Its arguments with their places (`COPY . .` gives `.` and `.`), flags left out. */
  args: (Span & { value: string })[];
  /** `--mount=…`, `--from=…`: name → value. */
  flags: Map<string, string>;
}

export interface Stage {
  from: Step;
  /** The image reference as written, lower-cased (`rust:1.75-slim`, `gcr.io/distroless/cc-debian12:nonroot`). */
  image: string;
  /** Where the image reference is written. */
  imageSpan: Span;
  /** `AS name`, lower-cased. */
  name?: string;
  steps: Step[];
}

/** A parsed Dockerfile, cut into stages. */
export class DockerModel {
  readonly stages: Stage[] = [];
  readonly comments: { text: string; start: number }[];

  constructor(readonly text: string, readonly facts: DockerFacts = {}) {
    const doc = TextDocument.create('file:///Dockerfile', 'dockerfile', 0, text);
    const parsed = DockerfileParser.parse(text);
    const span = (r: LspRange): Span => ({ start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) });
    this.comments = parsed.getComments().map((c) => ({ text: c.getContent(), start: span(c.getRange()).start }));
    for (const instruction of parsed.getInstructions()) {
      const step = toStep(instruction, text, span);
      if (step.keyword === 'FROM') {
        const image = instruction.getArguments()[0];
        if (!image) continue;
        const as = instruction.getArguments()[2]?.getValue();
        this.stages.push({ from: step, image: image.getValue().toLowerCase(), imageSpan: span(image.getRange()), name: as?.toLowerCase(), steps: [] });
      } else {
        this.stages[this.stages.length - 1]?.steps.push(step);
      }
    }
  }

  /** The stage that becomes the image (the last one; `--target` can pick another, which no file says). */
  get finalStage(): Stage | undefined {
    return this.stages[this.stages.length - 1];
  }

  /** The stage and those it is built `FROM`, base first (`FROM builder AS test` continues `builder`). */
  lineage(stage: Stage): Stage[] {
    const out = [stage];
    for (let s: Stage | undefined = stage; s; ) {
      const at: number = this.stages.indexOf(s);
      const image: string = s.image;
      s = this.stages.slice(0, at).reverse().find((p) => p.name === image);
      if (s && !out.includes(s)) out.unshift(s);
      else break;
    }
    return out;
  }

  /** The external image a stage starts from, through the stages it continues. */
  baseImage(stage: Stage): string {
    return this.lineage(stage)[0].image;
  }

  /**
   * An image meant for production: not one whose path names development, CI or tests
   * (`Dockerfile.dev`, `ci.Dockerfile`, `.devcontainer/Dockerfile`, `ci/cgroups/Dockerfile`), where a
   * toolchain is the point.
   */
  get forProduction(): boolean {
    const dirs = (this.facts.path ?? '').split(/[\\/]/);
    const name = dirs.pop() ?? '';
    return !/(?:^|[.\-_])(?:dev|devel|development|ci|test|tests|testing|debug|local)(?:[.\-_]|$)/i.test(name) && !dirs.some((d) => /^(?:\.?devcontainer|dev|ci|tests?|local)$/i.test(d));
  }

  /**
   * A Dockerfile that builds a Rust project: some step runs `cargo build`, `cargo run`, `cargo chef
   * cook` or `cargo install --path`. An image that only installs cargo tools (a CI image) is not one.
   */
  get buildsRust(): boolean {
    return this.stages.some((s) => s.steps.some((step) => ['RUN', 'CMD', 'ENTRYPOINT'].includes(step.keyword) && PROJECT_BUILD.test(step.raw)));
  }
}

const PROJECT_BUILD = /\bcargo(?:\s+\+\S+)?\s+(?:build|run|chef\s+cook)\b|\bcargo(?:\s+\+\S+)?\s+install\b[^\n;&|]*\s--path\b/;

/** `rust`, `rust:1.75-slim`, `docker.io/library/rust`, `rustlang/rust:nightly`, the musl builders, cargo-chef's image. */
export function isRustToolchainImage(image: string): boolean {
  const name = image.replace(/[:@].*$/, '');
  const last = name.slice(name.lastIndexOf('/') + 1);
  return /^(?:rust|muslrust|rust-musl-builder|rust-musl-cross|cargo-chef)$/.test(last) || name.startsWith('rustlang/');
}

type LspRange = ReturnType<Instruction['getRange']>;

function toStep(instruction: Instruction, text: string, span: (r: LspRange) => Span): Step {
  const at = span(instruction.getRange());
  const flags = new Map<string, string>();
  const withFlags = instruction as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  for (const f of withFlags.getFlags?.() ?? []) flags.set(f.getName().toLowerCase(), f.getValue() ?? '');
  return {
    ...at,
    keyword: instruction.getKeyword().toUpperCase(),
    raw: text.slice(at.start, at.end),
    args: instruction.getArguments().map((a) => ({ ...span(a.getRange()), value: a.getValue() })),
    flags,
  };
}
