// Small modules, not the library's index: validate loads the scenario loader and nothing that runs a simulation.
import { formatCount } from '../../src/format/count.js';
import { formatDuration } from '../../src/format/time.js';
import { findScenarios, type SkippedFile } from '../../src/scenario/discover.js';
import { formatProblem, ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { sourceLabel } from '../../src/scenario/source.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { ValidateFlags } from '../commands/validate.js';
import { loadOptionsFromArgs } from '../options.js';

const NO_SCENARIO = 'no scenario here: a scenario is a .yaml, .yml or .json file with name and channels';

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
    const skipped = c && c.skipped > 0 ? `, ${formatCount(c.skipped)} bad row(s) skipped` : '';
    return `; replays ${t.file}${t.channel === null ? '' : ` on ${sc.channels[t.channel].name}`} (${formatCount(c?.rows ?? 0)} rows${skipped})`;
  }).join('');
  return (
    `${sourceLabel(file)}: valid scenario "${sc.name}": ${sc.channels.length} channel(s) [${sc.channels.map((c) => c.name).join(', ')}], ` +
    `${sc.tiers.length} tier(s), ${sc.surges.length} surge(s), teams ${teams.join(', ')}; ` +
    `horizon ${formatDuration(sc.horizon)}, warmup ${formatDuration(sc.warmup)}, ${sc.replications} replications, seed ${sc.seed}${thresholds}${traces}\n`
  );
}

/** One file's entry in `validate --format json`. */
interface FileEntry {
  file: string;
  valid: boolean;
  /** The scenario's name, when it is valid. */
  scenario?: string;
  /** Why a file in a folder was passed over (then valid is true: nothing in it was judged). */
  skipped?: string;
  /** Its problems: `where` is file:line:col (or `--set key`), `key` the dotted key, `text` the one-line form printed on stderr. */
  problems: { where: string; key: string; message: string; text: string }[];
}

/**
 * Validates every scenario named (files, or folders by the scenario rule
 * `check` uses) and prints what each models (with `--format json`, one
 * entry per file instead); every problem of every file surfaces together as
 * one ScenarioError (exit 104).
 */
export function handler(args: ValidateFlags): void {
  const json = args.format === 'json';
  const problems: ScenarioProblem[] = [];
  const skipped: SkippedFile[] = [];
  const entries: FileEntry[] = [];
  const entry = (file: string, found: ScenarioProblem[], scenario?: string): FileEntry => ({
    file,
    valid: found.length === 0,
    ...(scenario === undefined ? {} : { scenario }),
    problems: found.map((p) => ({ where: p.where, key: p.path, message: p.message, text: formatProblem(p) })),
  });
  // Each path on its own, in the order given: a folder named among others that holds no scenario is a mistake too, not silently nothing.
  for (const path of [args.scenario, ...args.more]) {
    const found = findScenarios([path]);
    if (found.scenarios.length === 0) {
      const none = { where: path, path: '', message: NO_SCENARIO };
      problems.push(none);
      entries.push(entry(path, [none]));
    }
    skipped.push(...found.skipped);
    for (const file of found.scenarios) {
      try {
        const scenario = loadScenario(file, loadOptionsFromArgs(args));
        if (json) entries.push(entry(file, [], scenario.name));
        else process.stdout.write(describeScenario(file, scenario));
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        problems.push(...e.problems);
        entries.push(entry(file, e.problems));
      }
    }
  }
  if (json) {
    const files = [...entries, ...skipped.map((s) => ({ file: s.file, valid: true, skipped: s.reason, problems: [] }))];
    process.stdout.write(`${JSON.stringify({ valid: problems.length === 0, files }, null, 2)}\n`);
  } else {
    for (const s of skipped) process.stdout.write(`${s.file}: skipped: ${s.reason}\n`);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
}
