import type { Argv } from 'yargs';
import { loadScenario, type Scenario } from '../src/index.js';
import { UsageError } from './exit-codes.js';

/** Adds the positional scenario argument and `--set` overrides. */
export function withScenario<T>(y: Argv<T>) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
    .option('set', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'override a scenario key, e.g. --set teams.agents.agents=15 (repeatable)',
    });
}

/** A whole-number flag value, or a usage error naming the flag. */
export function wholeFlag(name: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`--${name}: expected a whole number >= ${min}, got ${Number.isNaN(value) ? 'something else' : value}`);
  }
  return value;
}

/** Loads the scenario named on the command line, with overrides. @throws ScenarioError */
export function scenarioFromArgs(args: { scenario: string; set: string[] }): Scenario {
  return loadScenario(args.scenario, { set: args.set });
}
