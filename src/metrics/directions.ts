import type { MetricUnit } from '../thresholds/catalog.js';
import type { ScopeSummary, TeamSummary } from './summary.js';

/** Which way a metric is better, or null when neither is (counts of work, utilization). */
export type Direction = 'higher' | 'lower' | null;

/** The better direction of every scope metric, for verdicts on differences. */
export const SCOPE_DIRECTIONS: Record<keyof ScopeSummary, Direction> = {
  arrivals: null,
  answered: null,
  abandoned: 'lower',
  unanswered: 'lower',
  abandonRate: 'lower',
  waitMean: 'lower',
  waitMeanAll: 'lower',
  waitP50: 'lower',
  waitP90: 'lower',
  waitP95: 'lower',
  firstResponseMean: 'lower',
  firstResponseP50: 'lower',
  firstResponseP90: 'lower',
  firstResponseP95: 'lower',
  nextResponseMean: 'lower',
  nextResponseAttainment: 'higher',
  slaAttainment: 'higher',
  pickupWithinTarget: 'higher',
  backlogMean: 'lower',
  negativeShare: null,
  utilization: null,
  deflected: null,
  misrouted: 'lower',
  followUps: 'lower',
  merged: null,
  welcomed: null,
  answeredWithin: 'higher',
  recoveryNegative: 'higher',
  recoveryNeutral: 'higher',
  csat: 'higher',
  surveyResponseRate: 'higher',
};

/** The better direction of every team metric. */
export const TEAM_DIRECTIONS: Record<keyof TeamSummary, Direction> = {
  utilization: null,
  handled: null,
  agentsOnShiftMean: null,
  agentsRosteredMean: null,
  agentsProductiveMean: null,
  slotOccupancy: null,
  // Agents held past their shift end: less is better.
  overrunHours: 'lower',
};

/** The better direction of a replications.json key such as `byTier.urgent.slaAttainment` or `windows.outage.byTeam.crisis.handled` (null when unknown or neither). */
export function directionOfKey(key: string): Direction {
  const metric = key.slice(key.lastIndexOf('.') + 1);
  if (/^(windows\.[^.]+\.)?byTeam\./.test(key)) return TEAM_DIRECTIONS[metric as keyof TeamSummary] ?? null;
  return SCOPE_DIRECTIONS[metric as keyof ScopeSummary] ?? null;
}

const SHARES = /(Attainment|WithinTarget|Rate|answeredWithin|recovery\w+|csat|negativeShare|utilization|slotOccupancy)$/;

/** The unit of a replications.json key's metric, for showing its values. */
export function unitOfKey(key: string): MetricUnit {
  const metric = key.slice(key.lastIndexOf('.') + 1);
  if (SHARES.test(metric)) return 'share';
  if (/^(wait|firstResponse|nextResponse)/.test(metric)) return 'seconds';
  if (metric === 'backlogMean' || /^agents\w+Mean$/.test(metric)) return 'level';
  return 'count';
}
