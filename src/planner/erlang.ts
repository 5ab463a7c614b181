/**
 * The staffing questions a planner asks of queueing theory, on top of the
 * formulas of src/theory/erlang.ts: how a team of N agents does on a load
 * (one row), over a range of N (a table), and the least N that meets a
 * service level (and an occupancy cap), with the rostered headcount that
 * leaves after shrinkage. Erlang C without patience, Erlang A with it.
 *
 * Times are in seconds and rates per second, as everywhere in careload.
 * Pure functions: no I/O, no randomness, no clock.
 */
import {
  erlangA,
  erlangAResponseWithin,
  erlangC,
  erlangCMeanWait,
  erlangCResponseWithin,
  erlangCServiceLevel,
} from '../theory/erlang.js';

/**
 * What a service level counts as "within target":
 * - `wait`: arrival to pickup (the classic service level; careload's `pickupWithinTarget`);
 * - `response`: arrival to the end of the first handle time, wait + service
 *   (the M/M/N response time; careload's `slaAttainment`, which counts the first reply posted).
 */
export type ServiceLevelMeasure = 'wait' | 'response';

/** One load on one team: Poisson arrivals, exponential handle times, optionally exponential patience. */
export interface ErlangQuestion {
  /** Arrival rate, per second (> 0). */
  rate: number;
  /** Mean handle time, seconds (> 0). */
  aht: number;
  /** Service-level target time, seconds (>= 0). */
  target: number;
  /** Mean patience, seconds (> 0): Erlang A (customers abandon). Absent: Erlang C (nobody abandons). */
  patience?: number;
  /** What must happen within `target`; default `wait`. */
  measure?: ServiceLevelMeasure;
}

/** How N agents do on a question's load, in steady state. */
export interface ErlangRow {
  /** Productive agents N (one conversation each). */
  agents: number;
  /** Share of ALL arrivals within target (abandoned count as misses); 0 when Erlang C is unstable (agents <= load). */
  serviceLevel: number;
  /** P(an arrival waits at all): all agents busy; 1 when Erlang C is unstable. */
  pWait: number;
  /** Mean time from arrival to pickup of answered customers, seconds (those picked up at once count 0); Infinity when Erlang C is unstable. */
  meanWait: number;
  /** Share of arrivals that abandon (0 without patience). */
  abandonment: number;
  /** Share of the agents' time spent handling: carried load / N, at most 1. */
  occupancy: number;
}

/** A staffing question: a load and the service level to meet. */
export interface StaffingQuestion extends ErlangQuestion {
  /** Least share of arrivals within target, in [0, 1). */
  serviceLevel: number;
  /** Highest occupancy allowed, in (0, 1]; default 1 (no cap). */
  maxOccupancy?: number;
  /** Share of rostered time agents are not available (breaks, training, absence), in [0, 1); default 0. */
  shrinkage?: number;
}

/** The answer to a staffing question. */
export interface StaffingAnswer {
  /** Least productive agents meeting the service level and the occupancy cap. */
  agents: number;
  /** Agents to roster so that `agents` are available after shrinkage: agents / (1 - shrinkage), rounded up. */
  rostered: number;
  /** How `agents` agents do. */
  row: ErlangRow;
}

/** A staffing question that no number of agents answers (e.g. a response-time level above what handle times alone allow). */
export class UnreachableServiceLevel extends RangeError {
  override name = 'UnreachableServiceLevel';
}

/** Largest agent count the search tries before calling a service level unreachable. */
const MAX_AGENTS = 1_000_000;
/** Slack for comparisons of computed shares with the targets, so 0.8 meets 80% despite rounding. */
const EPS = 1e-12;

function checkQuestion(q: ErlangQuestion): void {
  const positive = (name: string, v: number) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number > 0, got ${v}`);
  };
  positive('rate', q.rate);
  positive('aht', q.aht);
  if (!(q.target >= 0) || !Number.isFinite(q.target)) throw new RangeError(`target must be a finite number >= 0, got ${q.target}`);
  if (q.patience !== undefined && !(q.patience > 0)) throw new RangeError(`patience must be > 0, got ${q.patience}`);
  if (q.measure !== undefined && q.measure !== 'wait' && q.measure !== 'response') {
    throw new RangeError(`measure must be "wait" or "response", got ${String(q.measure)}`);
  }
}

function checkAgents(agents: number): void {
  if (!Number.isSafeInteger(agents) || agents < 1) throw new RangeError(`agents must be a whole number >= 1, got ${agents}`);
}

/** Offered load in Erlangs: rate x aht. */
function offeredLoad(q: ErlangQuestion): number {
  return q.rate * q.aht;
}

/**
 * How `agents` agents do on the question's load: service level (by the
 * question's measure), P(wait), mean wait of answered customers,
 * abandonment and occupancy. Erlang C when the question has no patience
 * (an unstable load, agents <= rate x aht, gives service level 0, P(wait) 1,
 * mean wait Infinity, occupancy 1); Erlang A with it (always stable).
 *
 * @param q the load and target.
 * @param agents productive agents, a whole number >= 1.
 * @throws RangeError on a malformed question or agent count.
 */
export function erlangRow(q: ErlangQuestion, agents: number): ErlangRow {
  checkQuestion(q);
  checkAgents(agents);
  const measure = q.measure ?? 'wait';
  if (q.patience !== undefined && Number.isFinite(q.patience)) {
    const input = { arrivalRate: q.rate, aht: q.aht, servers: agents, patience: q.patience, t: q.target };
    const a = erlangA(input);
    return {
      agents,
      serviceLevel: measure === 'wait' ? (a.serviceLevel ?? NaN) : erlangAResponseWithin(input),
      pWait: a.pWait,
      meanWait: a.meanWaitServed,
      abandonment: a.pAbandon,
      occupancy: Math.min(a.occupancy, 1),
    };
  }
  const load = offeredLoad(q);
  if (load >= agents) return { agents, serviceLevel: 0, pWait: 1, meanWait: Infinity, abandonment: 0, occupancy: 1 };
  return {
    agents,
    serviceLevel: measure === 'wait' ? erlangCServiceLevel(agents, load, q.aht, q.target) : erlangCResponseWithin(agents, load, q.aht, q.target),
    pWait: erlangC(agents, load),
    meanWait: erlangCMeanWait(agents, load, q.aht),
    abandonment: 0,
    occupancy: load / agents,
  };
}

/**
 * Rows of {@link erlangRow} for every agent count from `from` to `to` inclusive.
 *
 * @throws RangeError when from < 1 or to < from.
 */
export function erlangTable(q: ErlangQuestion, from: number, to: number): ErlangRow[] {
  checkAgents(from);
  checkAgents(to);
  if (to < from) throw new RangeError(`the range ${from}..${to} is empty`);
  const rows: ErlangRow[] = [];
  for (let n = from; n <= to; n++) rows.push(erlangRow(q, n));
  return rows;
}

/**
 * Agents to roster so that `agents` are available after shrinkage:
 * agents / (1 - shrinkage), rounded up (14 agents at 30% shrinkage: 20).
 *
 * @param agents productive agents (>= 0).
 * @param shrinkage share of rostered time not available, in [0, 1).
 */
export function rosteredAgents(agents: number, shrinkage = 0): number {
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);
  // 14 / 0.7 is 20.000000000000004 in doubles: round the representation error away before rounding up.
  const exact = agents / (1 - shrinkage);
  return Math.ceil(exact - 1e-9 * Math.max(1, exact));
}

/**
 * Whether a row meets a staffing question's service level and occupancy cap
 * (up to rounding: a computed 0.8 meets 80%).
 */
export function meetsTarget(q: StaffingQuestion, row: ErlangRow): boolean {
  return row.serviceLevel >= q.serviceLevel - EPS && row.occupancy <= (q.maxOccupancy ?? 1) + EPS;
}

/**
 * The least number of productive agents whose service level meets
 * `serviceLevel` and whose occupancy stays within `maxOccupancy`, and the
 * rostered headcount after shrinkage. Erlang C (agents must exceed the
 * offered load) without patience, Erlang A with it. Both the service level
 * and the occupancy are monotone in the agent count, so the search doubles
 * up from the least candidate and then bisects.
 *
 * @param q the load, the target and the service level to meet.
 * @returns the least agent count, the rostered headcount and the row at that count.
 * @throws UnreachableServiceLevel when no agent count meets the service level
 *   (with `measure: 'response'`, handle times alone cap it at 1 - exp(-target / aht)).
 * @throws RangeError on a malformed question.
 */
export function requiredAgents(q: StaffingQuestion): StaffingAnswer {
  checkQuestion(q);
  const { serviceLevel } = q;
  const maxOccupancy = q.maxOccupancy ?? 1;
  const shrinkage = q.shrinkage ?? 0;
  if (!(serviceLevel >= 0 && serviceLevel < 1)) throw new RangeError(`serviceLevel must be in [0, 1), got ${serviceLevel}`);
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) throw new RangeError(`maxOccupancy must be in (0, 1], got ${maxOccupancy}`);
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);
  if (q.measure === 'response') {
    // Even with no wait at all, only this share of handle times ends within the target.
    const ceiling = -Math.expm1(-q.target / q.aht);
    if (serviceLevel >= ceiling - EPS) {
      throw new UnreachableServiceLevel(
        `a service level of ${serviceLevel} for responses within ${q.target} s is unreachable: with no wait at all, only ${ceiling.toFixed(4)} of handle times (mean ${q.aht} s) end within it`,
      );
    }
  }
  const meets = (row: ErlangRow) => meetsTarget(q, row);
  const erlangCase = q.patience === undefined || !Number.isFinite(q.patience);
  // Erlang C is defined only above the offered load; Erlang A from one agent.
  let low = erlangCase ? Math.floor(offeredLoad(q)) + 1 : 1;
  let row = erlangRow(q, low);
  if (!meets(row)) {
    // Invariant: `low` fails. Double the step until a count meets, then bisect.
    let step = 1;
    let high = low + step;
    let highRow = erlangRow(q, high);
    while (!meets(highRow)) {
      if (high >= MAX_AGENTS) throw new UnreachableServiceLevel(`no team of up to ${MAX_AGENTS} agents meets a service level of ${serviceLevel}`);
      low = high;
      step *= 2;
      high = Math.min(low + step, MAX_AGENTS);
      highRow = erlangRow(q, high);
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      const midRow = erlangRow(q, mid);
      if (meets(midRow)) [high, highRow] = [mid, midRow];
      else low = mid;
    }
    [low, row] = [high, highRow];
  }
  return { agents: low, rostered: rosteredAgents(low, shrinkage), row };
}

/** The answer to a staffing question with a table of how the team does around it: what `careload erlang` prints. */
export interface ErlangStaffing extends StaffingAnswer {
  /** Rows over the range asked for, or a few agents either side of the answer. */
  table: ErlangRow[];
}

/** Agents either side of the answer the default table shows. */
const DEFAULT_SPAN = 4;

/**
 * The staffing answer and a table of rows: over `range` when given, else
 * from a few agents below the answer (never below one agent, nor, for
 * Erlang C, at or below the offered load) to a few above.
 *
 * @param q the staffing question.
 * @param range the agent counts to tabulate, inclusive.
 */
export function erlangStaffing(q: StaffingQuestion, range?: { from: number; to: number }): ErlangStaffing {
  const answer = requiredAgents(q);
  const erlangCase = q.patience === undefined || !Number.isFinite(q.patience);
  const least = erlangCase ? Math.floor(offeredLoad(q)) + 1 : 1;
  const from = range?.from ?? Math.max(least, answer.agents - DEFAULT_SPAN);
  const to = range?.to ?? answer.agents + DEFAULT_SPAN;
  return { ...answer, table: erlangTable(q, from, to) };
}
