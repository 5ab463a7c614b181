/** One problem in a scenario, located in its file (or in a --set override). */
export interface ScenarioProblem {
  /** `file:line:col`, or `--set path` for an override. */
  where: string;
  /** Dotted key path such as `teams.tier1.agents` (empty for the whole file). */
  path: string;
  message: string;
}

/** A scenario that could not be loaded; `problems` holds one entry per problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:col key.path: message`, the one-line form every problem is printed in. */
export function formatProblem(p: ScenarioProblem): string {
  return p.path ? `${p.where} ${p.path}: ${p.message}` : `${p.where}: ${p.message}`;
}
