import { guideDockerfile } from './docSnippets';
import type { DockerModel, Stage } from '../../analysis/dockerfile';
import type { DockerRule } from '../../analysis/fileRule';

/** The user distroless and Chainguard images call `nonroot`; a number needs no /etc/passwd entry. */
const UNPRIVILEGED = '65532:65532';

export const dockerRootUser: DockerRule = {
  id: 'docker_root_user',
  file: 'docker',
  severity: 'warning',
  section: 'Multi-stage Docker Builds for Production Readiness',
  summary: 'A Rust image whose final stage runs as root',
  docs: {
    what:
      'Flags the final stage of a Dockerfile that builds Rust when no `USER` sets a non-root user in it (or in the ' +
      'stages it continues), its base image does not already run as one (`distroless …:nonroot`, Chainguard), and ' +
      'it has no tool an entrypoint uses to start the service as another user (gosu, su-exec, setpriv…).',
    why:
      'Without `USER`, the service runs as root inside the container. A bug that gives an attacker code execution ' +
      'then comes with root\'s rights over the container\'s files and, through any mounted volume, socket or kernel ' +
      'flaw, over more. The guide\'s production images cut the attack surface down to the binary; running it as an ' +
      'unprivileged user is the other half.',
    example: guideDockerfile({ final: ['FROM debian:bookworm-slim', 'COPY --from=builder /usr/local/bin/app /usr/local/bin/app', 'CMD ["app"]'] }),
    instead: guideDockerfile({ final: ['FROM debian:bookworm-slim', 'COPY --from=builder /usr/local/bin/app /usr/local/bin/app', `USER ${UNPRIVILEGED}`, 'CMD ["app"]'] }),
    language: 'dockerfile',
  },
  fix: { availability: 'always', safety: 'unsafe', note: 'The service then needs its files and ports to be open to that user.' },
  check(d) {
    const final = d.finalStage;
    if (!final || !d.buildsRust || !d.forProduction) return [];
    const user = lastUser(d, final);
    if (user && !isRoot(user.args[0]?.value ?? '')) return [];
    if (!user && (runsUnprivileged(d.baseImage(final)) || dropsPrivileges(d, final))) return [];
    const at = user ?? final.imageSpan;
    const message = user ? 'The image that ships switches to root here and runs its service as root' : 'The image that ships sets no `USER`: its service runs as root';
    return [{ ruleId: 'docker_root_user', start: at.start, end: user ? user.end : at.end, message }];
  },
  fixes(finding, d) {
    const final = d.finalStage;
    if (!final) return [];
    const eol = d.text.includes('\r\n') ? '\r\n' : '\n';
    const user = lastUser(d, final);
    if (user && finding.start === user.start) return [{ title: `Run as USER ${UNPRIVILEGED}`, edits: [{ start: user.start, end: user.end, newText: `USER ${UNPRIVILEGED}` }], safe: false, preferred: true }];
    // Before the command it starts, so RUN steps above keep their rights.
    const entry = final.steps.find((s) => s.keyword === 'CMD' || s.keyword === 'ENTRYPOINT');
    const last = final.steps[final.steps.length - 1] ?? final.from;
    const at = entry ? entry.start : lineEnd(d.text, last.end);
    const newText = entry ? `USER ${UNPRIVILEGED}${eol}` : `${at === d.text.length && !d.text.endsWith('\n') ? eol : ''}USER ${UNPRIVILEGED}${eol}`;
    return [{ title: `Run as an unprivileged user (USER ${UNPRIVILEGED})`, edits: [{ start: at, end: at, newText }], safe: false, preferred: true }];
  },
};

function lastUser(d: DockerModel, final: Stage) {
  return d
    .lineage(final)
    .flatMap((s) => s.steps)
    .filter((s) => s.keyword === 'USER')
    .pop();
}

/** The image installs or calls a tool its entrypoint uses to start the service as another user (`exec gosu app …`). */
function dropsPrivileges(d: DockerModel, final: Stage): boolean {
  return d
    .lineage(final)
    .flatMap((s) => s.steps)
    .some((s) => /\b(?:gosu|su-exec|setpriv|s6-setuidgid|runuser|chpst)\b/.test(s.raw));
}

function isRoot(user: string): boolean {
  return /^(?:root|0)(?::.*)?$/.test(user.trim());
}

/** Images whose default user is not root. */
function runsUnprivileged(image: string): boolean {
  return (/distroless\//.test(image) && /:[^/]*nonroot/.test(image)) || image.startsWith('cgr.dev/chainguard/');
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
