// Small modules, not the library's index: schema loads the scenario schema (zod) and nothing that runs a simulation.
import { writeFileAtomic } from '../../src/report/write.js';
import { scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import type { SchemaFlags } from '../commands/schema.js';
import { outFileFlag } from '../options.js';

/**
 * Prints the JSON Schema of scenario files, or writes it to `--out` whole or
 * not at all (an unwritable path is a usage error, exit 2, checked first).
 */
export function handler(args: SchemaFlags): void {
  const out = outFileFlag('out', args.out);
  const text = scenarioJsonSchemaText();
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  writeFileAtomic(out, text);
  process.stdout.write(`wrote ${out}\n`);
}
