/** The `erlang` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';
import type { PlainOption } from '../plain-flags.js';

/** The command line that runs it: `careload erlang --rate ... --aht ... --target ... --sl ...`. */
export const command = 'erlang';
/** One line for --help. */
export const describe = 'agents needed for a service level by queueing theory (Erlang C, or Erlang A with --patience), with a table around the answer';

/** Its options, as data: the builder gives them to yargs, and a plain command line is parsed from them without yargs (see cli/plain-flags.ts). */
export const options = [
  { name: 'rate', demandOption: true, describe: 'arrival rate, e.g. 200/h, 3.5/m' },
  { name: 'aht', demandOption: true, describe: 'mean handle time, e.g. 3m' },
  { name: 'target', demandOption: true, describe: 'service-level target time, e.g. 20s' },
  { name: 'sl', demandOption: true, describe: 'share of arrivals to serve within the target, e.g. 80% or 0.8' },
  { name: 'patience', describe: 'mean patience, e.g. 5m: Erlang A (customers abandon) instead of Erlang C' },
  { name: 'agents', describe: 'agent counts to tabulate, e.g. 10..20 [default: a few either side of the answer]' },
  { name: 'shrinkage', describe: 'share of rostered time agents are unavailable, e.g. 30%: also prints the rostered headcount [default: 0]' },
  { name: 'max-occupancy', describe: 'highest occupancy allowed, e.g. 85% [default: no cap]' },
  { name: 'measure', choices: ['wait', 'response'], default: 'wait', describe: 'what must happen within the target: pickup (wait), or the first reply done (response = wait + handle time)' },
  { name: 'format', choices: ['text', 'json'], default: 'text', describe: 'stdout format' },
] as const satisfies readonly PlainOption[];

/** Its options, given to yargs. */
export const builder = (y: Argv) =>
  options.reduce(
    (acc: Argv, { name, ...o }) => acc.option(name, 'choices' in o ? { ...o, choices: [...o.choices] } : { type: 'string', ...o }),
    y,
  ) as Argv<ErlangFlags>;

/** Values of its flags, as parsed by yargs (numbers stay text, read with their units by the handler). */
export interface ErlangFlags {
  rate: string;
  aht: string;
  target: string;
  sl: string;
  patience?: string;
  agents?: string;
  shrinkage?: string;
  maxOccupancy?: string;
  measure: 'wait' | 'response';
  format: 'text' | 'json';
}

/** Answers the staffing question; the command's code is loaded only now. */
export async function handler(args: ErlangFlags): Promise<void> {
  const { handler: erlang } = await import('../handlers/erlang.js');
  erlang(args);
}
