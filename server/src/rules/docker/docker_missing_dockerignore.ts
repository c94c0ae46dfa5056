import { guideDockerfile } from './docSnippets';
import ignore from 'ignore';
import type { DockerRule } from '../../analysis/fileRule';

export const dockerMissingDockerignore: DockerRule = {
  id: 'docker_missing_dockerignore',
  file: 'docker',
  severity: 'warning',
  section: 'Multi-stage Docker Builds for Production Readiness',
  summary: 'A Rust Dockerfile that copies its whole context while `target/` is not ignored',
  docs: {
    what:
      'Flags the first `COPY . …` or `ADD . …` of a Dockerfile that builds Rust when the build context has no ' +
      '`.dockerignore`, or has one that does not exclude `target/` (read as Docker reads it: `./target` and ' +
      '`target/*` do). The host tells whether the file exists: an ' +
      'unsaved Dockerfile is not flagged.',
    why:
      'Everything in the context is sent to the builder before the first step runs, and `COPY . .` puts it in a ' +
      'layer. Cargo\'s `target/` is routinely several gigabytes: each build uploads it, every local build then ' +
      'invalidates the copy layer, and stale host binaries can end up in the image. A `.dockerignore` listing ' +
      '`target/` and `.git/` (the `rp-dockerignore` snippet) keeps the context to the sources.',
    example: `# no .dockerignore beside this Dockerfile
${guideDockerfile()}`,
    instead: `# .dockerignore beside it lists:
#   target/
#   .git/
${guideDockerfile()}`,
    language: 'dockerfile',
  },
  check(d) {
    const ignoreFile = d.facts.dockerignore;
    // A test's Dockerfile is a fixture; a CI image still sends target/ with every build, so it counts.
    if (ignoreFile === undefined || !d.buildsRust || (d.facts.path ?? '').split(/[\\/]/).slice(0, -1).some((dir) => /^tests?$/.test(dir))) return [];
    if (ignoreFile !== null && keepsTargetOut(ignoreFile)) return [];
    for (const stage of d.stages) {
      for (const step of stage.steps) {
        if ((step.keyword !== 'COPY' && step.keyword !== 'ADD') || step.flags.has('from')) continue;
        const whole = step.args.slice(0, -1).find((a) => a.value === '.' || a.value === './');
        if (!whole) continue;
        const message = ignoreFile === null ? 'This copies the whole build context and no `.dockerignore` keeps `target/` out of it' : 'This copies the whole build context and the `.dockerignore` does not exclude `target/`';
        return [{ ruleId: 'docker_missing_dockerignore', start: step.start, end: whole.end, message }];
      }
    }
    return [];
  },
};

/**
 * Docker cleans each pattern as a path (`./target` and `/target` are `target`) and `target/*` leaves
 * only the empty directory: either keeps the build output out of the context.
 */
function keepsTargetOut(dockerignore: string): boolean {
  const patterns = dockerignore.split(/\r?\n/).map((l) => l.trim().replace(/^(!?)(?:\.?\/)+/, '$1'));
  const rules = ignore().add(patterns);
  return rules.ignores('target/') || rules.ignores('target/release/app');
}
