/** One problem in a scenario, located in its file (or in a --set override). */
export interface ScenarioProblem {
  /** `file:line:col`, or `--set path` for an override. */
  where: string;
  /** Dotted key path such as `teams.tier1.agents` (empty for the whole file). */
  path: string;
  message: string;
}

/** A scenario that could not be loaded; `problems` holds one entry per problem found (the same problem found twice is kept once). */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];

  constructor(problems: ScenarioProblem[]) {
    // The YAML parser may report one error twice, and a --set wrong for every scenario of a folder is wrong the same way each time.
    const seen = new Set<string>();
    const unique = problems.filter((p) => !seen.has(formatProblem(p)) && Boolean(seen.add(formatProblem(p))));
    super(unique.map(formatProblem).join('\n'));
    this.problems = unique;
    this.name = 'ScenarioError';
  }
}

/** `file:line:col key.path: message`, the one-line form every problem is printed in (line breaks in keys or values escaped). */
export function formatProblem(p: ScenarioProblem): string {
  const line = p.path ? `${p.where} ${p.path}: ${p.message}` : `${p.where}: ${p.message}`;
  return line.replace(/\r?\n|\r/g, '\\n');
}
