// Small modules, not the library's index: validate loads the scenario loader and nothing that runs a simulation.
import { formatDuration } from '../../src/format/time.js';
import { findScenarios } from '../../src/scenario/discover.js';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { sourceLabel } from '../../src/scenario/source.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { ValidateFlags } from '../commands/validate.js';
import { loadOptionsFromArgs } from '../options.js';

/** One line on what a valid scenario models. */
function describeScenario(file: string, sc: Scenario): string {
  const teams = sc.teams.map((t) => {
    const headcount = t.schedule ? 'scheduled' : t.datedSchedule ? 'dated schedule' : `${t.agents} agents`;
    const shrinkage = t.shrinkage > 0 ? `, ${Math.round(1000 * t.shrinkage) / 10}% shrinkage` : '';
    return `${t.name} (${headcount} x ${t.concurrency}${shrinkage})`;
  });
  const thresholds = sc.thresholds.length > 0 ? `, ${sc.thresholds.length} threshold(s)` : '';
  const traces = sc.traces.map((t) => {
    const c = t.contents;
    const skipped = c && c.skipped > 0 ? `, ${c.skipped.toLocaleString('en-US')} bad row(s) skipped` : '';
    return `; replays ${t.file}${t.channel === null ? '' : ` on ${sc.channels[t.channel].name}`} (${(c?.rows ?? 0).toLocaleString('en-US')} rows${skipped})`;
  }).join('');
  return (
    `${sourceLabel(file)}: valid scenario "${sc.name}": ${sc.channels.length} channel(s) [${sc.channels.map((c) => c.name).join(', ')}], ` +
    `${sc.tiers.length} tier(s), ${sc.surges.length} surge(s), teams ${teams.join(', ')}; ` +
    `horizon ${formatDuration(sc.horizon)}, warmup ${formatDuration(sc.warmup)}, ${sc.replications} replications, seed ${sc.seed}${thresholds}${traces}\n`
  );
}

/**
 * Validates every scenario named (files, or folders by the scenario rule
 * `check` uses) and prints what each models; every problem of every file
 * surfaces together as one ScenarioError (exit 104).
 */
export function handler(args: ValidateFlags): void {
  const paths = [args.scenario, ...args.more];
  const found = findScenarios(paths);
  const problems: ScenarioProblem[] = [];
  if (found.scenarios.length === 0) {
    problems.push({ where: paths.join(', '), path: '', message: 'no scenario here: a scenario is a .yaml, .yml or .json file with name and channels' });
  }
  for (const file of found.scenarios) {
    try {
      process.stdout.write(describeScenario(file, loadScenario(file, loadOptionsFromArgs(args))));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      problems.push(...e.problems);
    }
  }
  for (const s of found.skipped) process.stdout.write(`${s.file}: skipped: ${s.reason}\n`);
  if (problems.length > 0) throw new ScenarioError(problems);
}
