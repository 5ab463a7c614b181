import type { Argv } from 'yargs';
import { formatDuration } from '../../src/scenario/units.js';
import { scenarioFromArgs, withScenario } from '../options.js';

export const command = 'validate <scenario>';
export const describe = 'check a scenario file and print what it models';

export const builder = (y: Argv) => withScenario(y);

/** Validates the scenario; problems surface as a ScenarioError (exit 104). */
export function handler(args: { scenario: string; set: string[]; overlay: string[] }): void {
  const sc = scenarioFromArgs(args);
  const teams = sc.teams.map((t) => `${t.name} (${t.schedule ? 'scheduled' : `${t.agents} agents`} x ${t.concurrency})`);
  process.stdout.write(
    `${args.scenario}: valid scenario "${sc.name}": ${sc.channels.length} channel(s) [${sc.channels.map((c) => c.name).join(', ')}], ` +
      `${sc.tiers.length} tier(s), ${sc.surges.length} surge(s), teams ${teams.join(', ')}; ` +
      `horizon ${formatDuration(sc.horizon)}, warmup ${formatDuration(sc.warmup)}, ${sc.replications} replications, seed ${sc.seed}\n`,
  );
}
