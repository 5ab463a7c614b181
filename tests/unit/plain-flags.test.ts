import { describe, expect, it } from 'vitest';
import { options } from '../../cli/commands/erlang.js';
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
