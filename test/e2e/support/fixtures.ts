/**
 * Rust both VS Code suites save with source.fixAll.rustPatterns on: the two mem::replace(.., Vec::new())
 * have a safe fix (mem::take) and must change; the sort (sort_unstable reorders equal elements) and
 * the unwrap have no safe fix and must stay.
 */
export const FIX_ALL_RS = `pub struct Queues {
    jobs: Vec<u64>,
    names: Vec<String>,
}

impl Queues {
    pub fn drain(&mut self, x: Option<u8>) -> (Vec<u64>, Vec<String>, u8) {
        let mut jobs = std::mem::replace(&mut self.jobs, Vec::new());
        let names = std::mem::replace(&mut self.names, Vec::new());
        jobs.sort();
        (jobs, names, x.unwrap())
    }
}
`;

/** The rule whose safe fix FIX_ALL_RS exercises. */
export const FIX_ALL_RULE = 'mem_replace_with_default';

/** Checks a saved FIX_ALL_RS: returns what is wrong with it, or nothing. */
export function fixAllProblems(saved: string): string[] {
  const problems: string[] = [];
  if (!/let mut jobs = std::mem::take\(&mut self\.jobs\);/.test(saved)) problems.push('jobs was not moved out with mem::take');
  if (!/let names = std::mem::take\(&mut self\.names\);/.test(saved)) problems.push('names was not moved out with mem::take');
  if (/mem::replace/.test(saved)) problems.push('a mem::replace is left');
  if (!/jobs\.sort\(\);/.test(saved)) problems.push('the sort changed: sort_unstable is not a safe fix');
  if (!/x\.unwrap\(\)/.test(saved)) problems.push('the unwrap changed: it has no safe fix');
  return problems;
}
