import { Box, Text } from 'ink';
import { formatElapsed, formatSimulatedClock } from '../../src/format/time.js';
import type { SummaryDocument } from '../../src/report/json.js';
import { formatShare } from '../../src/report/text.js';
import type { Scenario } from '../../src/scenario/types.js';
import { clip, firstThatFits, packLines } from './fit-text.js';
import { PanelGrid, type PanelGroup, type PanelSeries } from './panels.js';
import { Report } from './report.js';

/** The live screen's views, in the order tab goes through them (shift-tab goes back). */
export const VIEWS = ['overview', 'tiers', 'channels', 'teams', 'sentiment'] as const;
export type ViewName = (typeof VIEWS)[number];

/** What the live screen knows while a run goes on. */
export interface LiveState {
  done: number;
  total: number;
  /** Simulated time reached by each replication (horizon or more once finished). */
  simulated: number[];
  eventsPerSecond: number;
  /** Wall-clock seconds since the run started. */
  elapsed: number;
  /** Summary of the replications finished so far, or null before the first. */
  summary: SummaryDocument | null;
}

const PALETTE = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'];
/**
 * The smallest terminal, in columns and rows, that shows the charts;
 * smaller ones keep the numbers and hide the charts rather than wrap them.
 */
export const MIN_CHART_WIDTH = 60;
export const MIN_CHART_HEIGHT = 18;
/** Rows of the terminal the live view leaves free, so the live region never scrolls. */
export const KEPT_FREE_ROWS = 1;
/** Lines above the charts: title, tabs, progress, and what the means are of. */
const HEADER_ROWS = 4;

/** Whether a terminal of `columns` x `rows` shows the live view's charts (the rule README documents). */
export function chartsFit(columns: number, rows: number): boolean {
  return columns >= MIN_CHART_WIDTH && rows >= MIN_CHART_HEIGHT;
}

/** Switches the live view forward (tab) or back (shift-tab), wrapping around. */
export function nextView(view: number, back: boolean): number {
  return (view + (back ? VIEWS.length - 1 : 1)) % VIEWS.length;
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}k`;
  return n.toFixed(0);
}

/** Share of the run's work done: finished replications plus the simulated share of running ones. */
export function progressFraction(state: LiveState, horizon: number): number {
  const running = state.simulated.reduce((sum, t) => sum + Math.min(1, t / horizon), 0);
  return Math.min(1, running / Math.max(1, state.total));
}

/** Progress line: replications, simulated time, speed, elapsed and time left; the less needed parts go first when `width` is short. */
export function ProgressLine({ state, scenario, color, width }: { state: LiveState; scenario: Scenario; color: boolean; width: number }) {
  const f = progressFraction(state, scenario.horizon);
  const percent = `${Math.round(100 * f)}%`;
  const eta = f > 0.01 && f < 1 ? ` · about ${formatElapsed((state.elapsed * (1 - f)) / f)} left` : '';
  const reached = Math.max(0, ...state.simulated.map((t, i) => (i < state.total && t < scenario.horizon ? t : 0)));
  const simulating = reached > 0 ? ` · simulating ${formatSimulatedClock(reached, scenario.startsAt)}` : '';
  const replications = ` · replications ${state.done}/${state.total}`;
  const speed = ` · ${compact(state.eventsPerSecond)} events/s`;
  const elapsed = ` · ${formatElapsed(state.elapsed)} elapsed`;
  const rest = firstThatFits(
    [replications + simulating + speed + elapsed + eta, replications + speed + elapsed + eta, replications + elapsed + eta, replications + eta, replications],
    width - percent.length,
  );
  return (
    <Text>
      <Text bold={color}>{percent}</Text>
      {rest}
    </Text>
  );
}

function Tabs({ view, color, width }: { view: ViewName; color: boolean; width: number }) {
  const tabs = VIEWS.map((v) => (v === view ? `[${v}]` : ` ${v} `)).join('');
  const hint = firstThatFits(['   tab/shift-tab: switch view · q: quit', '   tab: next view · q: quit', '  tab · q: quit', ''], width - tabs.length);
  return (
    <Text>
      {VIEWS.map((v) => (
        <Text key={v} inverse={color && v === view} bold={color && v === view}>
          {v === view ? `[${v}]` : ` ${v} `}
        </Text>
      ))}
      <Text dimColor={color}>{hint}</Text>
    </Text>
  );
}

const percent = (share: number | null | undefined) => (share == null ? null : 100 * share);
const formatPercent = (v: number) => `${v.toFixed(0)}%`;

/** The chart groups of each view: one series per chart, the charts of a group on one scale. */
export function viewGroups(view: ViewName, doc: SummaryDocument, scenario: Scenario): PanelGroup[] {
  const rows = doc.timeseries.rows;
  const perHour = 3600 / doc.timeseries.interval;
  const each = <K extends string>(names: readonly K[], pick: (name: K) => (number | null)[]): PanelSeries[] =>
    names.map((n, i) => ({ label: n, values: pick(n), color: PALETTE[i % PALETTE.length] }));
  const channels = scenario.channels.map((c) => c.name);
  const teams = scenario.teams.map((t) => t.name);
  const arrivals: PanelGroup = { measure: 'arrival rate', unit: 'per hour', series: each(channels, (c) => rows.map((r) => r.arrivalsByChannel[c] * perHour)) };
  const backlog: PanelGroup = { measure: 'backlog', unit: 'waiting', series: each(scenario.tiers.map((t) => t.name), (t) => rows.map((r) => r.backlogByTier[t])) };
  switch (view) {
    case 'overview':
      return [
        { measure: 'arrival rate', unit: 'per hour', series: [{ label: 'all channels', color: 'white', values: rows.map((r) => channels.reduce((sum, c) => sum + r.arrivalsByChannel[c], 0) * perHour) }] },
        { measure: 'backlog', unit: 'waiting', series: [{ label: 'all tiers', color: 'white', values: rows.map((r) => r.backlog) }] },
      ];
    case 'tiers':
      return [
        {
          measure: 'SLA',
          unit: '% by arrival',
          min: 0,
          max: 100,
          format: formatPercent,
          series: scenario.tiers.map((t, i) => ({
            label: t.name,
            color: PALETTE[i % PALETTE.length],
            values: rows.map((r) => percent(r.slaAttainmentByTier[t.name])),
            target: { label: `goal ${Math.round(100 * t.goal)}%`, value: 100 * t.goal },
          })),
        },
        backlog,
      ];
    case 'channels':
      return [arrivals];
    case 'teams':
      return [
        { measure: 'agents on shift', unit: 'agents', series: each(teams, (t) => rows.map((r) => r.agentsOnShiftByTeam[t])) },
        { measure: 'slot occupancy', unit: '%', min: 0, max: 100, format: formatPercent, series: each(teams, (t) => rows.map((r) => percent(r.slotOccupancyByTeam[t]))) },
      ];
    case 'sentiment':
      return [{ measure: 'negative share', unit: '%', min: 0, format: formatPercent, series: each(channels, (c) => rows.map((r) => percent(r.negativeShareByChannel[c]))) }];
  }
}

/** The numbers under the charts of each view, one item per figure. */
function summaryItems(view: ViewName, doc: SummaryDocument, scenario: Scenario): string[] {
  const o = doc.overall;
  switch (view) {
    case 'overview':
    case 'channels':
      return [`SLA ${formatShare(o.slaAttainment)}`, `within ${scenario.report.answeredWithin / 3600}h ${formatShare(o.answeredWithin)}`, `abandoned ${formatShare(o.abandonRate)}`, `utilization ${formatShare(o.utilization)}`];
    case 'tiers':
      return scenario.tiers.map((t) => `${t.name} ${formatShare(doc.byTier[t.name].slaAttainment)} (goal ${Math.round(100 * t.goal)}%)`);
    case 'teams':
      return Object.entries(doc.byTeam).map(([n, t]) => `${n}: utilization ${formatShare(t.utilization)}, slots ${formatShare(t.slotOccupancy)}`);
    case 'sentiment':
      return [`negative → positive ${formatShare(o.recoveryNegative)}`, `neutral → positive ${formatShare(o.recoveryNeutral)}`, `CSAT ${formatShare(o.csat)}`];
  }
}

/**
 * The live screen: tabs, progress, then the current view's charts over
 * simulated time (means of the replications finished so far, one series
 * per chart) and its numbers, every line cut or packed to `width` so
 * nothing wraps. `height` is the rows it may draw: the terminal's rows less
 * {@link KEPT_FREE_ROWS}. Terminals smaller than
 * {@link MIN_CHART_WIDTH}x{@link MIN_CHART_HEIGHT} get the numbers without charts.
 */
export function LiveView({ scenario, state, view, width, height, color, title }: {
  scenario: Scenario;
  state: LiveState;
  view: ViewName;
  width: number;
  height: number;
  color: boolean;
  /** What is running, when more than the scenario's name says it (a compare variant). */
  title?: string;
}) {
  const doc = state.summary;
  const showCharts = chartsFit(width, height + KEPT_FREE_ROWS);
  const numbers = doc === null ? [] : packLines(summaryItems(view, doc, scenario), width);
  return (
    <Box flexDirection="column">
      <Text bold={color}>{clip(`careload: ${scenario.name}${title ? ` - ${title}` : ''}`, width)}</Text>
      <Tabs view={view} color={color} width={width} />
      <ProgressLine state={state} scenario={scenario} color={color} width={width} />
      {doc === null ? (
        <Text dimColor={color}>{clip('waiting for the first replication to finish…', width)}</Text>
      ) : (
        <Box flexDirection="column">
          <Text dimColor={color}>{clip(`means of ${doc.replications} finished replication(s)`, width)}</Text>
          {showCharts ? (
            <PanelGrid groups={viewGroups(view, doc, scenario)} width={width} rows={height - HEADER_ROWS - numbers.length} horizon={scenario.horizon} startsAt={scenario.startsAt} color={color} />
          ) : (
            <Text dimColor={color}>{clip(`(charts hidden: the terminal is smaller than ${MIN_CHART_WIDTH}x${MIN_CHART_HEIGHT})`, width)}</Text>
          )}
          {numbers.map((line, k) => (
            <Text key={k}>{line}</Text>
          ))}
        </Box>
      )}
    </Box>
  );
}

export { Report };
