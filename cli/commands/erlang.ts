/** The `erlang` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';

/** The command line that runs it: `careload erlang --rate ... --aht ... --target ... --sl ...`. */
export const command = 'erlang';
/** One line for --help. */
export const describe = 'agents needed for a service level by queueing theory (Erlang C, or Erlang A with --patience), with a table around the answer';

/** Its options. */
export const builder = (y: Argv) =>
  y
    .option('rate', { type: 'string', demandOption: true, describe: 'arrival rate, e.g. 200/h, 3.5/m' })
    .option('aht', { type: 'string', demandOption: true, describe: 'mean handle time, e.g. 3m' })
    .option('target', { type: 'string', demandOption: true, describe: 'service-level target time, e.g. 20s' })
    .option('sl', { type: 'string', demandOption: true, describe: 'share of arrivals to serve within the target, e.g. 80% or 0.8' })
    .option('patience', { type: 'string', describe: 'mean patience, e.g. 5m: Erlang A (customers abandon) instead of Erlang C' })
    .option('agents', { type: 'string', describe: 'agent counts to tabulate, e.g. 10..20 [default: a few either side of the answer]' })
    .option('shrinkage', { type: 'string', describe: 'share of rostered time agents are unavailable, e.g. 30%: also prints the rostered headcount [default: 0]' })
    .option('max-occupancy', { type: 'string', describe: 'highest occupancy allowed, e.g. 85% [default: no cap]' })
    .option('measure', { choices: ['wait', 'response'] as const, default: 'wait' as const, describe: 'what must happen within the target: pickup (wait), or the first reply done (response = wait + handle time)' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'stdout format' });

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
