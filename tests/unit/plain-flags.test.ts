import { describe, expect, it } from 'vitest';
import { options } from '../../cli/commands/erlang.js';
import * as run from '../../cli/commands/run.js';
import * as validate from '../../cli/commands/validate.js';
import { scenarioFlagDefaults } from '../../cli/options.js';
import { parsePlainFlags } from '../../cli/plain-flags.js';

const REQUIRED = ['--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%'];

describe('parsePlainFlags (erlang without yargs)', () => {
  it('reads --name value and --name=value, with camel-case keys and defaults as yargs gives them', () => {
    const flags = parsePlainFlags([...REQUIRED, '--max-occupancy=85%', '--format', 'json'], options);
    expect(flags).toEqual({
      rate: '200/h', aht: '3m', target: '20s', sl: '80%',
      'max-occupancy': '85%', maxOccupancy: '85%',
      measure: 'wait', format: 'json',
    });
  });

  it.each([
    ['a required option missing', ['--rate', '200/h']],
    ['an unknown option', [...REQUIRED, '--bogus', '1']],
    ['a camel-case spelling (yargs accepts it)', [...REQUIRED, '--maxOccupancy', '85%']],
    ['an option given twice', [...REQUIRED, '--rate', '100/h']],
    ['a value missing at the end', [...REQUIRED, '--patience']],
    ['a value starting with -', [...REQUIRED, '--agents', '-3']],
    ['an empty value', [...REQUIRED, '--patience=']],
    ['a choice not offered', [...REQUIRED, '--measure', 'x']],
    ['help', [...REQUIRED, '--help']],
    ['-h', ['-h']],
    ['a positional argument', [...REQUIRED, 'extra']],
    ['--', [...REQUIRED, '--']],
  ])('leaves %s to yargs (null)', (_name, args) => {
    expect(parsePlainFlags(args, options)).toBeNull();
  });
});

describe('parsePlainFlags (validate without yargs)', () => {
  /** What yargs gives validate's handler for `args`, with validate's own builder. */
  async function viaYargs(args: string[]): Promise<Record<string, unknown>> {
    const { default: yargs } = await import('yargs');
    let seen: Record<string, unknown> = {};
    await yargs(['validate', ...args]).command(validate.command, validate.describe, validate.builder, (a) => { seen = a; }).strict().exitProcess(false).parseAsync();
    return seen;
  }
  const KEYS = ['scenario', 'more', 'format', 'set', 'set-new', 'setNew', 'overlay', 'skip-bad-rows', 'skipBadRows'];
  const pick = (o: Record<string, unknown>) => Object.fromEntries(KEYS.map((k) => [k, o[k]]));

  it.each([
    ['one file', ['a.yaml']],
    ['files and a folder', ['a.yaml', 'b.json', 'scenarios']],
    ['--format json after the files', ['a.yaml', 'b.yaml', '--format', 'json']],
    ['--format=text before the file', ['--format=text', 'a.yaml']],
  ])('gives the handler what yargs gives it: %s', async (_name, args) => {
    const plain = parsePlainFlags(args, validate.options, validate.positionals);
    expect(plain).not.toBeNull();
    expect(pick({ ...scenarioFlagDefaults(), ...plain })).toEqual(pick(await viaYargs(args)));
  });

  it.each([
    ['no file', []],
    ['standard input (-)', ['-']],
    ['an empty file name', ['']],
    ['a scenario flag', ['a.yaml', '--set', 'horizon=1h']],
    ['a short flag', ['a.yaml', '-h']],
    ['a choice not offered', ['a.yaml', '--format', 'xml']],
    ['--format twice', ['a.yaml', '--format', 'json', '--format', 'text']],
  ])('leaves %s to yargs (null)', (_name, args) => {
    expect(parsePlainFlags(args, validate.options, validate.positionals)).toBeNull();
  });
});

describe('parsePlainFlags (run without yargs)', () => {
  /** What yargs gives run's handler for `args`, with run's own builder. */
  async function viaYargs(args: string[]): Promise<Record<string, unknown>> {
    const { default: yargs } = await import('yargs');
    let seen: Record<string, unknown> = {};
    await yargs(['run', ...args]).command(run.command, run.describe, run.builder, (a) => { seen = a; }).strict().exitProcess(false).parseAsync();
    return seen;
  }
  const withoutYargsOwn = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== '_' && k !== '$0'));

  it.each([
    ['the scenario alone', ['a.yaml']],
    ['as the bench runs it', ['a.yaml', '--format', 'json', '--quiet', '--out', 'results/x']],
    ['every plain option', ['--seed', '7', 'a.yaml', '-r', '12', '--format=json', '--out', 'o', '--workers', '2', '--max-work', '5e9', '-q', '--no-tui', '--no-color', '--shard', '1/2', '--inconclusive', 'pass', '--html', 'r.html']],
    ['booleans spelled out', ['a.yaml', '--quiet', '--tui', '--color']],
    ['negated quiet', ['a.yaml', '--no-quiet']],
  ])('gives the handler exactly what yargs gives it: %s', async (_name, args) => {
    const plain = parsePlainFlags(args, run.plainOptions, run.positionals);
    expect(plain).not.toBeNull();
    expect({ ...scenarioFlagDefaults(), ...plain }).toEqual(withoutYargsOwn(await viaYargs(args)));
  });

  it.each([
    ['no scenario', []],
    ['two scenarios', ['a.yaml', 'b.yaml']],
    ['a scenario flag', ['a.yaml', '--set', 'horizon=1h']],
    ['a boolean with a value', ['a.yaml', '--quiet', 'false']],
    ['a boolean with =', ['a.yaml', '--quiet=true']],
    ['a negated string option', ['a.yaml', '--no-seed']],
    ['combined short flags', ['a.yaml', '-qr', '5']],
    ['an unknown short flag', ['a.yaml', '-x']],
    ['-r without a value', ['a.yaml', '-r']],
    ['help', ['a.yaml', '--help']],
    ['a flag given twice', ['a.yaml', '-q', '--quiet']],
  ])('leaves %s to yargs (null)', (_name, args) => {
    expect(parsePlainFlags(args, run.plainOptions, run.positionals)).toBeNull();
  });
});
