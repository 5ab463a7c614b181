#!/usr/bin/env node
/**
 * The careload command line: parses flags, calls the library, prints, and
 * is the only place that decides the process's exit code.
 *
 * Commands are registered by their light specs (cli/commands: name, help,
 * options); each command's code (cli/handlers) is imported only when that
 * command runs, so --version, --help and validate never load the terminal
 * UI (ink, react) or the worker threads (workerpool). The start-up path
 * imports small modules rather than the library's index, and `--version`
 * alone answers before yargs or any command's spec is even loaded, and so
 * does a plain `erlang`, `validate` or `run` command line (cli/plain-flags.ts),
 * which loads that command's spec only, from the build's code-cached
 * bundle (cli/quick-bundle.ts).
 */
// Only what every command needs is imported here: a quick command (erlang, validate, run) then loads its bundle and nothing
// else, since each ES module costs its own resolving, reading and compiling on Node 20. The rest is imported where used.
import { errnoText } from '../src/report/errno.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { isQuickCommand, loadQuickCommand } from './quick-bundle.js';
import { guardStderr } from './stderr.js';

/** The commands, in the order --help lists them. */
const COMMANDS = ['run', 'validate', 'compare', 'calibrate', 'check', 'diff', 'plan', 'erlang', 'generate', 'fit', 'merge', 'report', 'schema'];

async function main(argv: string[]): Promise<number> {
  // An unknown command: list the commands rather than yargs' "Unknown argument".
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) {
    const [{ closestWord }, { reportError }] = await Promise.all([import('../src/scenario/closest.js'), import('./report-error.js')]);
    const near = closestWord(first, COMMANDS);
    const shown = first.length > 80 ? `${first.slice(0, 77)}...` : first;
    return reportError(new UsageError(`unknown command ${JSON.stringify(shown)}${near ? ` (did you mean "${near}"?)` : ''}; commands: ${COMMANDS.join(', ')}`));
  }
  // The version alone needs no parser: answered as yargs would (one line), without loading it.
  if (argv.length === 1 && argv[0] === '--version') {
    const { careloadVersion } = await import('../src/version.js');
    process.stdout.write(`${careloadVersion()}\n`);
    return ExitCode.ok;
  }
  const command = first ?? 'run';
  // A plain command line (cli/plain-flags.ts) of erlang, validate or run runs from the build's code-cached bundle, without
  // yargs nor the other commands' specs; anything else goes through yargs.
  if (isQuickCommand(command)) {
    let quick: number | undefined;
    try {
      quick = await (await loadQuickCommand(command)).runQuick(argv.slice(1), (code) => process.exit(code));
    } catch (e) {
      return (await import('./report-error.js')).reportError(e);
    }
    if (quick !== undefined) return quick;
  }
  return fullCommandLine(command, argv);
}

/** Any command line but `--version` and a plain erlang, validate or run: through yargs. */
async function fullCommandLine(command: string, argv: string[]): Promise<number> {
  const [{ onSecondStop }, { reportError }, { careloadVersion }] = await Promise.all([
    import('./interrupt.js'),
    import('./report-error.js'),
    import('../src/version.js'),
  ]);
  // A second Ctrl-C (or SIGTERM, or `q`) while a command is stopping quits at once.
  onSecondStop((code) => process.exit(code));
  const [{ default: yargs }, calibrate, check, compare, diff, erlang, fit, generate, merge, plan, report, run, schema, validate, { STDIN_ARG }] = await Promise.all([
    import('yargs'),
    import('./commands/calibrate.js'),
    import('./commands/check.js'),
    import('./commands/compare.js'),
    import('./commands/diff.js'),
    import('./commands/erlang.js'),
    import('./commands/fit.js'),
    import('./commands/generate.js'),
    import('./commands/merge.js'),
    import('./commands/plan.js'),
    import('./commands/report.js'),
    import('./commands/run.js'),
    import('./commands/schema.js'),
    import('./commands/validate.js'),
    import('./options.js'),
  ]);
  // yargs reads a lone `-` (standard input) as an empty string: carry it through as a token.
  const parser = yargs(argv.map((a) => (a === '-' ? STDIN_ARG : a)))
    .scriptName('careload')
    .usage('$0 <command> [options]\n\nLoad-testing simulator and SLA capacity planner for digital customer care.')
    .command(run)
    .command(validate)
    .command(compare)
    .command(calibrate)
    .command(check)
    .command(diff)
    .command(plan)
    .command(erlang)
    .command(generate)
    .command(fit)
    .command(merge)
    .command(report)
    .command(schema)
    .demandCommand(1, 'name a command: run, compare, plan, calibrate, check, diff, erlang, generate, fit, merge, report, schema or validate')
    .strict()
    .version(careloadVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs wraps errors thrown by option checks (coerce) in a YError: they are usage errors too.
      if (error?.name === 'YError') throw new UsageError(usageMessage(error.message, command));
      throw error ?? new UsageError(usageMessage(message, command));
    });
  skipHelpCache(parser);
  try {
    await parser.parseAsync();
    return ExitCode.ok;
  } catch (e) {
    return reportError(e);
  }
}

/**
 * After starting a command's handler yargs renders that command's whole help
 * text and keeps it, to print on a later failure; careload's own `.fail`
 * never prints it, and rendering it (string widths of every option) cost
 * more than parsing the flags. So the cache is skipped. `getInternalMethods`
 * is yargs' (undocumented) method; without it yargs behaves as before.
 */
function skipHelpCache(parser: object): void {
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** yargs' messages, made one line and specific where they are vague; `command` is the one being run. */
function usageMessage(message: string, command: string): string {
  if (message.startsWith('Not enough non-option arguments')) {
    if (command === 'diff') return 'missing the two summary.json files, e.g. careload diff results/a/summary.json results/b/summary.json';
    if (command === 'fit') return 'missing the export file, e.g. careload fit conversations.csv --out scenario.yaml';
    if (command === 'merge') return "missing the shards' files, e.g. careload merge parts/*/summary.json";
    if (command === 'report') return 'missing the results folder, e.g. careload report results/swisscom-outage';
    return `missing the scenario file, e.g. careload ${command} scenarios/mmc-validation.yaml`;
  }
  return message.replace(/\s*\n\s*/g, ' ');
}

// A reader that stops early (`careload run ... | head`) is not an error: stop quietly.
// Any other failure of stdout (a full disk, /dev/full) is one line on stderr and exit 1.
// Results are written before the report is printed, so they are kept either way.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(ExitCode.ok);
  process.stderr.write(`careload: cannot write to standard output: ${errnoText(e)}\n`);
  process.exit(ExitCode.internal);
});

guardStderr();

// The arguments after `node careload.js` (what yargs' hideBin gives outside Electron, without loading it).
process.exitCode = await main(process.argv.slice(2));
