/** The `plan` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { withScenario, MAX_WORK_OPTION } from '../options.js';

/** The command line that runs it: `careload plan <scenario>`. */
export const command = 'plan <scenario>';
/** One line for --help. */
export const describe = 'find the least staffing (agent-hours) that meets the thresholds, confirmed by simulation (exit 99 when none within the bounds does)';

/** Its options and positional arguments. */
export const builder = (y: Argv) =>
  withScenario(y)
    .option('threshold', { type: 'string', array: true, default: [] as string[], describe: "add a target, e.g. --threshold 'slaAttainment >= 80%' (repeatable; same grammar as check)" })
    .option('only-cli-thresholds', { type: 'boolean', default: false, describe: "plan for the --threshold targets only, not the scenario's own thresholds" })
    .option('teams', { type: 'string', describe: 'teams to plan, e.g. --teams priority,regular [default: every team rostered during the report window]' })
    .option('min', { type: 'string', array: true, default: [] as string[], describe: 'least value of a team, e.g. --min desk=5 (headcount, or change per shift for a scheduled team; repeatable)' })
    .option('max', { type: 'string', array: true, default: [] as string[], describe: 'largest value of a team, e.g. --max desk=40 [default: 200] (repeatable)' })
    .option('cost', { type: 'string', array: true, default: [] as string[], describe: 'weight of one agent-hour of a team, e.g. --cost crisis=1.5 [default: 1] (repeatable)' })
    .option('surge-scale', { type: 'string', describe: "repeat the plan with every surge's extra volume scaled, e.g. --surge-scale 0,1,1.5,2" })
    .option('vary', { type: 'string', describe: 'repeat the plan for each value of a key, e.g. --vary teams.crisis.activation.after=15m,30m,1h,2h' })
    .option('by-interval', { type: 'string', describe: "one team's least headcount per interval of the report window, e.g. --by-interval 1h (a requirement curve, written as a dated schedule)" })
    .option('confidence', { type: 'string', describe: 'confidence of targets that state none [default: 0.95]' })
    .option('replications', { type: 'string', alias: 'r', describe: "replications at each candidate's first look [default: 10]" })
    .option('max-replications', { type: 'string', describe: 'most replications per candidate, added only near a target [default: 80]' })
    .option('seed', { type: 'string', describe: "random seed (overrides the scenario's seed)" })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format (json: plan.json)' })
    .option('out', { type: 'string', describe: 'directory for plan.json and plan.yaml [default: results/<scenario name>]' })
    .option('workers', { type: 'string', describe: 'worker threads [default: one per core]' })
    .option('max-work', MAX_WORK_OPTION)
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'no progress lines on stderr (and no live view)' })
    .option('tui', { type: 'boolean', default: true, describe: 'live terminal view when stdout is a terminal (--no-tui: plain progress lines and report, no colours or other control codes)' })
    .option('color', { type: 'boolean', default: true, describe: 'colours in the live view (--no-color or NO_COLOR: none)' });

/** Values of its flags, as parsed by yargs. */
export interface PlanFlags {
  scenario: string;
  set: string[];
  setNew: string[];
  overlay: string[];
  threshold: string[];
  onlyCliThresholds: boolean;
  teams?: string;
  min: string[];
  max: string[];
  cost: string[];
  surgeScale?: string;
  vary?: string;
  byInterval?: string;
  confidence?: string;
  replications?: string;
  maxReplications?: string;
  seed?: string;
  format: 'text' | 'json';
  out?: string;
  workers?: string;
  maxWork?: string;
  quiet: boolean;
  tui: boolean;
  color: boolean;
}

/** Plans the staffing; the command's code is loaded only now. */
export async function handler(args: PlanFlags): Promise<void> {
  const { handler: plan } = await import('../handlers/plan.js');
  await plan(args);
}
