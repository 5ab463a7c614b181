/**
 * The machinery of the cross-field rules: what a rule is, and how ordered
 * stages of rules run over their subjects (the whole file, each channel,
 * each team, ...) and collect every problem, in a fixed order.
 */

/** A key path into the scenario file, such as ['teams', 'tier1', 'agents']. */
export type Path = (string | number)[];

/** A problem found by a rule, at a key path (reported at the key itself when `onKey`). */
export interface RuleIssue {
  path: Path;
  message: string;
  onKey?: boolean;
  /** Name of the rule that found it. */
  rule: string;
}

/** How a rule reports a problem: at a key path, on the key itself when `onKey`. */
export type Report = (path: Path, message: string, onKey?: boolean) => void;

/** A named cross-field rule over one kind of subject (the file, a channel, a team, ...). */
export interface Rule<Subject> {
  /** Unique, kebab-case: `team-channels-known`. */
  readonly name: string;
  /** One line: what the rule makes sure of. */
  readonly purpose: string;
  /** Reports every problem the rule finds in one subject (none when it holds). */
  readonly check: (subject: Subject, report: Report) => void;
}

/** A rule's name and purpose, for listing rules of any subject. */
export type RuleInfo = Pick<Rule<unknown>, 'name' | 'purpose'>;

/** Rules run over every subject one input yields. */
export interface Stage<Input> {
  readonly rules: readonly RuleInfo[];
  /** Runs every rule on the first subject, then every rule on the next, and so on. */
  readonly run: (input: Input, report: (rule: string) => Report) => void;
}

/**
 * A stage: for each subject in turn (in the file's order), each rule in list
 * order. Subject-major, so the problems of one channel stay together.
 */
export function stage<Input, Subject>(subjects: (input: Input) => readonly Subject[], rules: readonly Rule<Subject>[]): Stage<Input> {
  return {
    rules,
    run(input, report) {
      for (const subject of subjects(input)) for (const rule of rules) rule.check(subject, report(rule.name));
    },
  };
}

/** Runs the stages in order over one input; returns every problem, in the order found. */
export function runStages<Input>(stages: readonly Stage<Input>[], input: Input): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const reportFor = (rule: string): Report => (path, message, onKey = false) => {
    issues.push(onKey ? { path, message, onKey, rule } : { path, message, rule });
  };
  for (const s of stages) s.run(input, reportFor);
  return issues;
}
