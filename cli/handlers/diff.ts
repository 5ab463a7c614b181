import { diffRuns, diffTextReport, pairable, readReplicationValues, RecordedRunError, SCHEMA_VERSION, toJson, type ReplicationValuesDocument } from '../../src/index.js';
import type { DiffFlags } from '../commands/diff.js';
import { UsageError } from '../exit-codes.js';

function read(file: string): ReplicationValuesDocument {
  try {
    return readReplicationValues(file);
  } catch (e) {
    if (e instanceof RecordedRunError) throw new UsageError(e.message);
    throw e;
  }
}

/** Prints the metrics that differ between two recorded runs (b - a), paired by replication when both used the same seed. */
export function handler(args: DiffFlags): void {
  const a = read(args.a);
  const b = read(args.b);
  const changes = diffRuns(a, b);
  const paired = pairable(a, b);
  if (args.format === 'json') {
    process.stdout.write(toJson({ schemaVersion: SCHEMA_VERSION, a: args.a, b: args.b, paired, changes: args.all ? changes : changes.filter((c) => c.verdict !== 'no significant difference') }));
  } else {
    process.stdout.write(diffTextReport(changes, args.a, args.b, paired, args.all));
  }
}
