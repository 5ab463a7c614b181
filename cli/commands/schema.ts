/** The `schema` command as registered with yargs: a light spec, whose handler imports the command's code when it runs. */
import type { Argv } from 'yargs';

/** The command line that runs it: `careload schema [--out FILE]`. */
export const command = 'schema';
/** One line for --help. */
export const describe = 'print the JSON Schema of scenario files, for editors to complete and check keys';

/** Its options. */
export const builder = (y: Argv) =>
  y.option('out', { type: 'string', describe: 'write the schema to this file (whole or not at all) instead of standard output' });

/** Values of its flags, as parsed by yargs. */
export interface SchemaFlags {
  out?: string;
}

/** Prints or writes the schema; the command's code is loaded only now. */
export async function handler(args: SchemaFlags): Promise<void> {
  const { handler: schema } = await import('../handlers/schema.js');
  schema(args);
}
