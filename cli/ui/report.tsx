import { Box, Text } from 'ink';
import { formatDuration, formatSimulatedClock } from '../../src/format/time.js';
import type { Estimate, SeriesRow } from '../../src/metrics/summary.js';
import { goalVerdict, GOAL_MARKS } from '../../src/report/goal.js';
import type { StoppedEarly, SummaryDocument } from '../../src/report/json.js';
import { formatSecondsEstimate, formatShare } from '../../src/report/text.js';
import type { Scenario } from '../../src/scenario/types.js';
import { Heading, Table, type Cell } from './parts.js';

const count = (e: Estimate) => (e.mean === null ? '-' : Math.round(e.mean).toLocaleString('en-US'));
const seconds = (e: Estimate) => formatSecondsEstimate(e);
const level = (e: Estimate) => (e.mean === null ? '-' : e.mean.toFixed(1));
/** Agent-hours with the ± half interval: `12.3 ±0.4`. */
const hours = (e: Estimate) => (e.mean === null ? '-' : `${e.mean.toFixed(1)}${e.ci95 ? ` ±${((e.ci95[1] - e.ci95[0]) / 2).toFixed(1)}` : ''}`);

/** The peak of the backlog and the first interval after it where it had cleared (below 5% of the peak, or 1). */
export function backlogPeak(rows: readonly SeriesRow[]): { peak: number; at: number; clearedAt: number | null } | null {
  if (rows.length === 0) return null;
  let k = 0;
  rows.forEach((r, i) => {
    if (r.backlog > rows[k].backlog) k = i;
  });
  const threshold = Math.max(1, 0.05 * rows[k].backlog);
  const cleared = rows.slice(k + 1).find((r) => r.backlog < threshold);
  return { peak: rows[k].backlog, at: rows[k].t, clearedAt: cleared ? cleared.t : null };
}

const GOAL_COLORS = { pass: 'green', fail: 'red', inconclusive: 'yellow' } as const;

/**
 * Met (✓), missed (✗) or inconclusive (?) against the goal, judged like a
 * threshold on the 95% interval (see goalVerdict), not on the mean alone;
 * colour is only a second cue.
 */
export function goalCell(e: Estimate, goal: number): Cell {
  if (e.mean === null) return { text: '-' };
  const verdict = goalVerdict(e, goal);
  return { text: GOAL_MARKS[verdict], color: GOAL_COLORS[verdict], bold: verdict === 'fail' };
}

/**
 * The final screen and the plain-text report of a run: what was run, SLA per
 * tier against its goal, the operation's headline numbers, the named
 * windows' (one line each, when the scenario has any), teams, channels
 * and the sentiment outcome. The same component renders in the terminal and,
 * through renderToString, into the text output, so both say the same thing.
 */
export function Report({ doc, scenario, partial, color }: { doc: SummaryDocument; scenario: Scenario; partial: StoppedEarly | null; color: boolean }) {
  const o = doc.overall;
  const peak = backlogPeak(doc.timeseries.rows);
  const w = scenario.report.window;
  // Next-reply columns only when some tier sets a target: without one the metric is undefined.
  const nextTargets = scenario.tiers.some((t) => t.nextResponseTarget !== undefined);
  // Each tier against its goal, then the overall figures (no goal of their own: tiers' targets differ).
  const tierRows = [
    ...scenario.tiers.map((t) => {
      const s = doc.byTier[t.name];
      return [t.name, formatDuration(t.firstResponseTarget), `${Math.round(100 * t.goal)}%`, formatShare(s.slaAttainment), goalCell(s.slaAttainment, t.goal), formatShare(s.pickupWithinTarget), count(s.arrivals)];
    }),
    ['overall', '-', '-', formatShare(o.slaAttainment), '-', formatShare(o.pickupWithinTarget), count(o.arrivals)],
  ];
  const answeredRows = [...scenario.tiers.map((t) => [t.name, doc.byTier[t.name]] as const), ['overall', o] as const].map(([name, s]) => [
    name,
    formatShare(s.answeredWithin),
    seconds(s.firstResponseP90),
    formatShare(s.abandonRate),
  ]);
  const nextRows = [
    ...scenario.tiers.map((t) => {
      const s = doc.byTier[t.name];
      return [t.name, t.nextResponseTarget === undefined ? '-' : formatDuration(t.nextResponseTarget), formatShare(s.nextResponseAttainment), seconds(s.nextResponseMean)];
    }),
    ['overall', '-', formatShare(o.nextResponseAttainment), seconds(o.nextResponseMean)],
  ];
  // Rostered against productive headcount, when shrinkage makes them differ.
  const shrinkage = scenario.teams.some((t) => t.shrinkage > 0);
  const teamRows = Object.entries(doc.byTeam).map(([name, t]) => [
    name,
    formatShare(t.utilization),
    formatShare(t.slotOccupancy),
    level(t.agentsOnShiftMean),
    ...(shrinkage ? [level(t.agentsRosteredMean), level(t.agentsProductiveMean)] : []),
    hours(t.overrunHours),
    count(t.handled),
  ]);
  const channelRows = Object.entries(doc.byChannel).map(([name, c]) => [
    name,
    count(c.arrivals),
    formatShare(c.slaAttainment),
    formatShare(c.answeredWithin),
    seconds(c.firstResponseP90),
    formatShare(c.abandonRate),
    formatShare(c.negativeShare),
  ]);
  // One row per named window (report.windows) with its headline figures.
  const windowRows = Object.entries(doc.windows ?? {}).map(([name, win]) => [
    name,
    formatSimulatedClock(win.from, scenario.startsAt),
    formatSimulatedClock(win.to, scenario.startsAt),
    formatShare(win.overall.slaAttainment),
    formatShare(win.overall.answeredWithin),
    seconds(win.overall.firstResponseP90),
    formatShare(win.overall.abandonRate),
    count(win.overall.arrivals),
  ]);
  const names = ['negative', 'neutral', 'positive'] as const;
  const matrix = names.map((start) => [start, ...names.map((end) => formatShare(doc.sentimentTransitions[start][end]))]);
  return (
    <Box flexDirection="column">
      <Text bold={color}>careload: {doc.scenario.name}</Text>
      <Text dimColor={color}>
        scenario {doc.scenario.hash}, seed {doc.seed}, {doc.replications} replications, {doc.routing.policy} routing
      </Text>
      {partial && (
        <Text color={color ? 'yellow' : undefined} bold={color}>
          PARTIAL RESULTS: stopped after {partial.done} of {partial.total} replications
        </Text>
      )}
      <Text>
        measured: conversations arriving from {formatSimulatedClock(w.from, scenario.startsAt)} to {formatSimulatedClock(w.to, scenario.startsAt)}
      </Text>
      <Text dimColor={color}>± = 95% interval half-width over replications ([lo, hi] where cut at 0 or 100%)</Text>
      {(doc.traces ?? []).map((t) => (
        <Text key={`trace-${t.file}`}>
          arrivals replayed from {t.file} ({t.rows.toLocaleString('en-US')} rows{t.skipped > 0 ? `, ${t.skipped.toLocaleString('en-US')} bad rows skipped, the first: ${t.firstSkipped}` : ''}): {t.note}
        </Text>
      ))}
      {(doc.warnings ?? []).map((w) => (
        <Text key={w.kind} color={color ? 'yellow' : undefined}>
          warning: {w.message}
        </Text>
      ))}

      <Heading color={color}>SLA by tier (first reply posted within target; pickup: assigned within it)</Heading>
      <Table color={color} header={['tier', 'target', 'goal', 'SLA met', 'status', 'pickup', 'arrivals']} rows={tierRows} />
      <Text dimColor={color}>status judged on the 95% interval: ✓ above the goal, ✗ below, ? across it</Text>
      <Heading color={color}>First replies by tier</Heading>
      <Table color={color} header={['tier', `within ${formatDuration(scenario.report.answeredWithin)}`, 'reply p90', 'abandoned']} rows={answeredRows} />
      {nextTargets && (
        <>
          <Heading color={color}>Next replies by tier (reply to a later customer message within target)</Heading>
          <Table color={color} header={['tier', 'target', 'within target', 'mean']} rows={nextRows} />
        </>
      )}

      <Heading color={color}>Operation</Heading>
      <Text>
        answered within {formatDuration(scenario.report.answeredWithin)}: {formatShare(o.answeredWithin)} · first reply p90 {seconds(o.firstResponseP90)}
      </Text>
      {nextTargets && <Text>next replies within their tier's target: {formatShare(o.nextResponseAttainment)}</Text>}
      <Text>
        abandoned {formatShare(o.abandonRate)} · utilization {formatShare(o.utilization)}
      </Text>
      <Text>
        {peak === null
          ? 'backlog: no time series'
          : peak.peak < 1
            ? 'backlog: never above 1 waiting on average'
            : `backlog peak ${peak.peak.toFixed(1)} waiting at ${formatSimulatedClock(peak.at, scenario.startsAt)}, ${peak.clearedAt === null ? 'not cleared by the horizon' : `cleared by ${formatSimulatedClock(peak.clearedAt, scenario.startsAt)}`}`}
      </Text>
      <Text>
        deflected {count(o.deflected)} · follow-ups {count(o.followUps)} · misrouted {count(o.misrouted)}
      </Text>

      {windowRows.length > 0 && (
        <Box flexDirection="column">
          <Heading color={color}>Named windows (report.windows)</Heading>
          <Table
            color={color}
            header={['window', 'from', 'to', 'SLA met', `within ${formatDuration(scenario.report.answeredWithin)}`, 'reply p90', 'abandoned', 'arrivals']}
            rows={windowRows}
          />
        </Box>
      )}

      <Heading color={color}>Teams</Heading>
      <Table color={color} header={['team', 'utilization', 'slot occupancy', 'agents on shift', ...(shrinkage ? ['rostered', 'productive'] : []), 'overrun h', 'handled']} rows={teamRows} />

      <Heading color={color}>Channels</Heading>
      <Table color={color} header={['channel', 'arrivals', 'SLA met', `within ${formatDuration(scenario.report.answeredWithin)}`, 'reply p90', 'abandoned', 'negative']} rows={channelRows} />

      <Heading color={color}>Sentiment</Heading>
      <Text>
        recovered: negative → positive {formatShare(o.recoveryNegative)} · neutral → positive {formatShare(o.recoveryNeutral)}
      </Text>
      <Text>
        CSAT {formatShare(o.csat)} · surveys answered {formatShare(o.surveyResponseRate)}
      </Text>
      <Table color={color} header={['start \\ end', ...names]} rows={matrix} />
    </Box>
  );
}
