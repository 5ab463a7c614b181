/**
 * Loading the scenario a command names and refusing a run past the work
 * limits: apart from ./options.js (the flags), so that declaring the flags
 * does not load the scenario loader or the model.
 */
import { assertWorkWithinLimits } from '../src/limits/work.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { loadOptionsFromArgs, maxWorkFlag } from './options.js';

/**
 * Refuses, before anything runs, a run estimated past the work limits
 * (exit 104 with the estimate and the --max-work value that allows it).
 * `replications` is the most the command may run (a check or plan adds them).
 * @throws ScenarioError
 */
export function assertRunFits(scenario: Scenario, args: { scenario?: string; maxWork?: string }, replications?: number, where = args.scenario ?? scenario.name): void {
  assertWorkWithinLimits(scenario, where, { maxWork: maxWorkFlag(args.maxWork), replications });
}

/** Loads the scenario named on the command line, with overrides. @throws ScenarioError */
export function scenarioFromArgs(args: { scenario: string; set: string[]; setNew?: string[]; overlay?: string[]; skipBadRows?: boolean }): Scenario {
  return loadScenario(args.scenario, loadOptionsFromArgs(args));
}
