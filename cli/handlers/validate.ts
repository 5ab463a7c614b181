import { formatDuration } from '../../src/index.js';
import { scenarioFromArgs, type ScenarioFlags } from '../options.js';

/** Validates the scenario and prints what it models; problems surface as a ScenarioError (exit 104). */
export function handler(args: ScenarioFlags): void {
  const sc = scenarioFromArgs(args);
  const teams = sc.teams.map((t) => `${t.name} (${t.schedule ? 'scheduled' : `${t.agents} agents`} x ${t.concurrency})`);
  process.stdout.write(
    `${args.scenario}: valid scenario "${sc.name}": ${sc.channels.length} channel(s) [${sc.channels.map((c) => c.name).join(', ')}], ` +
      `${sc.tiers.length} tier(s), ${sc.surges.length} surge(s), teams ${teams.join(', ')}; ` +
      `horizon ${formatDuration(sc.horizon)}, warmup ${formatDuration(sc.warmup)}, ${sc.replications} replications, seed ${sc.seed}\n`,
  );
}
