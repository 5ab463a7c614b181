/**
 * What `careload erlang` prints: the staffing answer with the table of how
 * a team does around it, as text or as a JSON document.
 */
import { formatDuration, formatSeconds } from '../format/time.js';
import { SCHEMA_VERSION } from '../report/json-text.js';
import { table } from '../report/text.js';
import { meetsTarget, rosteredAgents, type ErlangRow, type ErlangStaffing, type StaffingQuestion } from './erlang.js';

/** The JSON form of an Erlang staffing answer (`careload erlang --format json`). */
export interface ErlangDocument {
  schemaVersion: number;
  /** `erlangC` without patience, `erlangA` with it. */
  model: 'erlangC' | 'erlangA';
  /** The question as asked, in seconds and per second, with the offered load in Erlangs. */
  question: StaffingQuestion & { load: number; measure: 'wait' | 'response'; maxOccupancy: number; shrinkage: number };
  /** Least productive agents meeting the service level (and occupancy cap). */
  agents: number;
  /** Agents to roster after shrinkage. */
  rostered: number;
  /** One row per agent count; `meanWait` is null where Erlang C is unstable (infinite). */
  table: ErlangRow[];
}

function usesPatience(q: StaffingQuestion): boolean {
  return q.patience !== undefined && Number.isFinite(q.patience);
}

/** The document `careload erlang --format json` prints (pass it to toJson). */
export function erlangDocument(q: StaffingQuestion, staffing: ErlangStaffing): ErlangDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    model: usesPatience(q) ? 'erlangA' : 'erlangC',
    question: {
      ...q,
      load: q.rate * q.aht,
      measure: q.measure ?? 'wait',
      maxOccupancy: q.maxOccupancy ?? 1,
      shrinkage: q.shrinkage ?? 0,
    },
    agents: staffing.agents,
    rostered: staffing.rostered,
    table: staffing.table,
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
/** A share the user gave, as short as it was written: `80%`, `12.5%`. */
const givenPercent = (x: number) => `${Number((100 * x).toFixed(4))}%`;

/** A rate per hour as written in a scenario: `200/h`. */
function perHour(rate: number): string {
  return `${Number((rate * 3600).toPrecision(6))}/h`;
}

/** The staffing answer and its table, as `careload erlang` prints it. */
export function erlangTextReport(q: StaffingQuestion, staffing: ErlangStaffing): string {
  const patience = usesPatience(q);
  const shrinkage = q.shrinkage ?? 0;
  const maxOccupancy = q.maxOccupancy ?? 1;
  const model = patience ? `Erlang A (mean patience ${formatDuration(q.patience ?? 0)})` : 'Erlang C (no abandonment)';
  const within = q.measure === 'response' ? 'answered and handled (wait + handle time)' : 'picked up';
  const cap = maxOccupancy < 1 ? `, occupancy at most ${givenPercent(maxOccupancy)}` : '';
  const lines = [
    `${model}: ${perHour(q.rate)} x ${formatDuration(q.aht)} handle time = ${(q.rate * q.aht).toFixed(2)} Erlangs offered`,
    `target: ${givenPercent(q.serviceLevel)} of arrivals ${within} within ${formatDuration(q.target)}${cap}`,
    `agents needed: ${staffing.agents} (service level ${percent(staffing.row.serviceLevel)}, occupancy ${percent(staffing.row.occupancy)})`,
  ];
  if (shrinkage > 0) lines.push(`rostered at ${givenPercent(shrinkage)} shrinkage: ${staffing.rostered}`);

  const header = ['agents', ...(shrinkage > 0 ? ['rostered'] : []), 'service level', 'P(wait)', 'mean wait', ...(patience ? ['abandoned'] : []), 'occupancy', 'meets'];
  const rows = staffing.table.map((r) => {
    return [
      String(r.agents),
      ...(shrinkage > 0 ? [String(rosteredAgents(r.agents, shrinkage))] : []),
      percent(r.serviceLevel),
      percent(r.pWait),
      Number.isFinite(r.meanWait) ? formatSeconds(r.meanWait) : '∞',
      ...(patience ? [percent(r.abandonment)] : []),
      percent(r.occupancy),
      meetsTarget(q, r) ? '✓' : '',
    ];
  });
  return `${lines.join('\n')}\n\n${table(header, rows)}\n`;
}
