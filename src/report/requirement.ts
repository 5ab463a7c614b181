/**
 * The requirement curve's documents: plan.json (kind `requirement`), the
 * plan.yaml overlay holding the team's dated schedule, and the text report
 * with the simulated curve beside Erlang C's interval-by-interval answer.
 */
import { stringify } from 'yaml';
import { formatDuration } from '../format/time.js';
import type { RequirementCurve } from '../planner/requirement.js';
import type { DatedScheduleEntry } from '../scenario/staffing.js';
import { SCHEMA_VERSION } from './json.js';
import { targetRow, type PlanTargetRow } from './plan-json.js';
import { table } from './text.js';
import { formatThresholdValue } from './threshold-values.js';

/** plan.json for `plan --by-interval`. */
export interface RequirementDocument {
  schemaVersion: number;
  kind: 'requirement';
  scenario: { name: string; hash: string; file: string };
  seed: number;
  confidence: number;
  status: RequirementCurve['status'];
  team: string;
  /** Interval length, seconds. */
  interval: number;
  targets: string[];
  /** Per interval: its start (`d2 08:00`, and seconds from t = 0), the simulated requirement (null: none within the bounds), Erlang C's, and the targets there. */
  steps: { at: string; from: number; to: number; agents: number | null; erlang: number; verdict: 'pass' | 'fail' | null; replications: number; targets: PlanTargetRow[] }[];
  /** The team's whole roster with the curve, as the dated schedule plan.yaml holds. */
  schedule: DatedScheduleEntry[];
  replications: number;
}

/** Builds plan.json for a requirement curve. */
export function requirementDocument(curve: RequirementCurve, file: string): RequirementDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'requirement',
    scenario: { name: curve.scenario, hash: curve.scenarioHash, file },
    seed: curve.seed,
    confidence: curve.confidence,
    status: curve.status,
    team: curve.team,
    interval: curve.interval,
    targets: curve.targets,
    steps: curve.steps.map((s) => ({
      at: s.at,
      from: s.from,
      to: s.to,
      agents: s.agents,
      erlang: s.erlang,
      verdict: s.candidate?.verdict ?? null,
      replications: s.candidate?.replications ?? 0,
      targets: s.candidate?.targets.map(targetRow) ?? [],
    })),
    schedule: curve.schedule,
    replications: curve.replications,
  };
}

/** plan.yaml: the team's dated schedule as an overlay. */
export function requirementOverlay(curve: RequirementCurve): string {
  const header = [
    `# careload plan --by-interval ${formatDuration(curve.interval)} for team ${curve.team} of ${curve.scenario} (seed ${curve.seed}, scenario hash ${curve.scenarioHash})${curve.status === 'found' ? '' : `: ${curve.status.toUpperCase()}, see plan.json`}`,
    `# targets per interval: ${curve.targets.join('; ')}`,
    '# use: careload run <scenario> --overlay plan.yaml',
  ];
  return `${header.join('\n')}\n${stringify({ teams: { [curve.team]: { schedule: curve.schedule } } })}`;
}

/** The curve as printed on stdout. */
export function requirementTextReport(doc: RequirementDocument): string {
  const out: string[] = [];
  out.push(`requirement curve of team ${doc.team} for ${doc.scenario.name} (${doc.scenario.file}, seed ${doc.seed}, scenario ${doc.scenario.hash})`);
  out.push(`  per ${formatDuration(doc.interval)}: the least headcount meeting ${doc.targets.join('; ')} for the conversations arriving in the interval,`);
  out.push(`  earlier intervals at their requirement (their backlog carried over); Erlang C: the interval on its own, no backlog`);
  out.push(`  ${doc.replications} replications on common random numbers`, '');
  const rows = doc.steps.map((s) => {
    const gap = s.agents === null ? '' : s.agents - s.erlang === 0 ? '0' : `${s.agents - s.erlang > 0 ? '+' : ''}${s.agents - s.erlang}`;
    const failing = s.targets.filter((t) => t.verdict !== 'pass');
    const shown = (failing.length > 0 ? failing : s.targets.slice(0, 1)).map((t) => `${t.expression.split(' ')[0]} ${formatThresholdValue(t.mean, t.unit)}`).join('; ');
    return [s.at, s.agents === null ? 'none within bounds' : String(s.agents), String(s.erlang), gap, shown];
  });
  out.push(table(['interval', 'simulated', 'Erlang C', 'gap', 'targets at the simulated headcount'], rows).split('\n').map((l) => `  ${l}`).join('\n'), '');
  if (doc.status === 'infeasible') out.push('✗ some intervals cannot meet the targets within the bounds: raise --max, or relax the targets', '');
  if (doc.status === 'stopped') out.push('? stopped early: the curve covers the intervals planned so far', '');
  return `${out.join('\n')}\n`;
}
