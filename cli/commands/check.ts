/** The `check` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import { fileArg, MAX_WORK_OPTION, withOverrides } from '../options.js';

/** The command line that runs it: `careload check [scenario|dir ...]`. */
export const command = 'check [scenarios..]';
/** One line for --help. */
export const describe = 'judge scenarios against their SLA thresholds on confidence intervals, adding replications until decided (exit 99 on failure)';

/** Its options and positional arguments. */
export const builder = (y: Argv) =>
  withOverrides(y, true)
    .positional('scenarios', { type: 'string', array: true, default: ['scenarios'], coerce: (v: string[]) => v.map(fileArg), describe: 'scenario files or folders [default: scenarios/]' })
    .option('threshold', { type: 'string', array: true, default: [] as string[], describe: "add a threshold, e.g. --threshold 'slaAttainment{tier:urgent} >= 0.9' (repeatable)" })
    .option('only-cli-thresholds', { type: 'boolean', default: false, describe: "judge only the --threshold ones, not the scenarios' own" })
    .option('confidence', { type: 'string', describe: 'confidence of thresholds that state none [default: 0.95]' })
    .option('max-replications', { type: 'string', describe: 'most replications per scenario [default: 200]' })
    .option('inconclusive', { choices: ['fail', 'pass'] as const, default: 'fail' as const, describe: 'how a threshold still undecided at the maximum counts' })
    .option('baseline', { type: 'string', describe: "a recorded run's summary.json: also fail a metric of that scenario that got worse beyond --tolerance" })
    .option('tolerance', { type: 'string', default: '0', describe: 'how much worse than the baseline a metric may get: 2pp, 5% (relative), 30s, or a number' })
    .option('junit', { type: 'string', describe: 'also write a JUnit XML report to this file' })
    .option('markdown', { type: 'string', describe: 'also write a Markdown summary to this file (the summary is always appended to $GITHUB_STEP_SUMMARY when that is set)' })
    .option('overlay', { type: 'string', array: true, default: [] as string[], describe: 'merge an overlay over every scenario (repeatable)' })
    .option('seed', { type: 'string', describe: "random seed (overrides each scenario's seed)" })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format (json: check.json)' })
    .option('out', { type: 'string', describe: 'directory for check.json [default: results]' })
    .option('workers', { type: 'string', describe: 'worker threads [default: one per core]' })
    .option('max-work', MAX_WORK_OPTION)
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'no progress lines on stderr (and no live view)' })
    .option('tui', { type: 'boolean', default: true, describe: 'live terminal view when stdout is a terminal (--no-tui: plain progress lines and report, no colours or other control codes)' })
    .option('color', { type: 'boolean', default: true, describe: 'colours in the live view (--no-color or NO_COLOR: none)' });

/** Values of its flags, as parsed by yargs. */
export interface CheckFlags {
  scenarios: string[];
  threshold: string[];
  onlyCliThresholds: boolean;
  confidence?: string;
  maxReplications?: string;
  inconclusive: 'fail' | 'pass';
  baseline?: string;
  tolerance: string;
  junit?: string;
  markdown?: string;
  set: string[];
  setNew: string[];
  overlay: string[];
  seed?: string;
  format: 'text' | 'json';
  out?: string;
  workers?: string;
  maxWork?: string;
  quiet: boolean;
  tui: boolean;
  color: boolean;
}

/** Checks the scenarios; the command's code is loaded only now. */
export async function handler(args: CheckFlags): Promise<void> {
  const { handler: check } = await import('../handlers/check.js');
  await check(args);
}
