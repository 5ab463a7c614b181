import type { ReactElement } from 'react';
import { Box, Text } from 'ink';
import { formatElapsed, formatShare, formatSimulatedClock, type Scenario, type SummaryDocument } from '../../src/index.js';
import { TimeChart, type ChartSeries } from './parts.js';
import { Report } from './report.js';

/** The live screen's views, switched with tab. */
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
/** Below this size the charts are hidden rather than drawn badly. */
export const MIN_CHART_WIDTH = 60;
export const MIN_CHART_HEIGHT = 18;

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

/** Progress line: replications, simulated time, speed, elapsed and time left. */
export function ProgressLine({ state, scenario, color }: { state: LiveState; scenario: Scenario; color: boolean }) {
  const f = progressFraction(state, scenario.horizon);
  const eta = f > 0.01 && f < 1 ? ` · about ${formatElapsed((state.elapsed * (1 - f)) / f)} left` : '';
  const reached = Math.max(0, ...state.simulated.map((t, i) => (i < state.total && t < scenario.horizon ? t : 0)));
  return (
    <Text>
      <Text bold={color}>{`${Math.round(100 * f)}%`}</Text>
      {` · replications ${state.done}/${state.total}`}
      {reached > 0 ? ` · simulating ${formatSimulatedClock(reached, scenario.startsAt)}` : ''}
      {` · ${compact(state.eventsPerSecond)} events/s · ${formatElapsed(state.elapsed)} elapsed${eta}`}
    </Text>
  );
}

function Tabs({ view, color }: { view: ViewName; color: boolean }) {
  return (
    <Text>
      {VIEWS.map((v) => (
        <Text key={v} inverse={color && v === view} bold={color && v === view}>
          {v === view ? `[${v}]` : ` ${v} `}
        </Text>
      ))}
      <Text dimColor={color}>{'   tab: next view · q: quit'}</Text>
    </Text>
  );
}

interface ChartsProps {
  doc: SummaryDocument;
  scenario: Scenario;
  width: number;
  height: number;
  color: boolean;
}

/** The charts of a view, sharing the rows available between them. */
function Charts({ height, charts }: { height: number; charts: ((h: number) => ReactElement)[] }) {
  const each = Math.max(4, Math.floor(height / charts.length));
  return (
    <Box flexDirection="column">
      {charts.map((chart, i) => (
        <Box key={i}>{chart(each)}</Box>
      ))}
    </Box>
  );
}

function seriesBy<K extends string>(names: readonly K[], pick: (name: K) => (number | null)[]): ChartSeries[] {
  return names.map((n, i) => ({ label: n, values: pick(n), color: PALETTE[i % PALETTE.length] }));
}

/** The chart builders of each view. */
function viewCharts(view: ViewName, p: ChartsProps): ((h: number) => ReactElement)[] {
  const { doc, scenario, width, color } = p;
  const rows = doc.timeseries.rows;
  const perHour = 3600 / doc.timeseries.interval;
  const common = { width, horizon: scenario.horizon, startsAt: scenario.startsAt, color };
  const channels = scenario.channels.map((c) => c.name);
  const tiers = scenario.tiers.map((t) => t.name);
  const arrivals = (h: number) => (
    <TimeChart {...common} height={h} title="Arrival rate" unit="per hour" series={seriesBy(channels, (c) => rows.map((r) => r.arrivalsByChannel[c] * perHour))} />
  );
  const backlog = (h: number) => (
    <TimeChart {...common} height={h} title="Backlog" unit="conversations waiting" series={seriesBy(tiers, (t) => rows.map((r) => r.backlogByTier[t]))} />
  );
  const goal = Math.max(...scenario.tiers.map((t) => t.goal));
  const sla = (h: number) => (
    <TimeChart
      {...common}
      height={h}
      title="SLA attainment by arrival interval"
      unit="%"
      series={seriesBy(tiers, (t) => rows.map((r) => (r.slaAttainmentByTier[t] == null ? null : 100 * r.slaAttainmentByTier[t])))}
      target={{ label: `goal ${Math.round(100 * goal)}%`, value: 100 * goal }}
      min={0}
      max={100}
      format={(v) => `${v.toFixed(0)}%`}
    />
  );
  const negative = (h: number) => (
    <TimeChart
      {...common}
      height={h}
      title="Negative share of arrivals"
      unit="%"
      series={seriesBy(channels, (c) => rows.map((r) => (r.negativeShareByChannel[c] == null ? null : 100 * r.negativeShareByChannel[c])))}
      min={0}
      format={(v) => `${v.toFixed(0)}%`}
    />
  );
  const agents = (h: number) => (
    <TimeChart {...common} height={h} title="Agents on shift" unit="agents" series={seriesBy(scenario.teams.map((t) => t.name), (t) => rows.map((r) => r.agentsOnShiftByTeam[t]))} />
  );
  const slots = (h: number) => (
    <TimeChart
      {...common}
      height={h}
      title="Slot occupancy (open conversations / slots on shift)"
      unit="%"
      series={seriesBy(scenario.teams.map((t) => t.name), (t) => rows.map((r) => (r.slotOccupancyByTeam[t] == null ? null : 100 * r.slotOccupancyByTeam[t])))}
      min={0}
      max={100}
      format={(v) => `${v.toFixed(0)}%`}
    />
  );
  switch (view) {
    case 'overview':
      return [arrivals, backlog];
    case 'tiers':
      return [sla, backlog];
    case 'channels':
      return [arrivals];
    case 'teams':
      return [agents, slots];
    case 'sentiment':
      return [negative];
  }
}

/** The one-line numbers under the charts of each view. */
function ViewSummary({ view, doc, scenario }: { view: ViewName; doc: SummaryDocument; scenario: Scenario }) {
  const o = doc.overall;
  switch (view) {
    case 'overview':
    case 'channels':
      return <Text>{`SLA ${formatShare(o.slaAttainment)} · within ${scenario.report.answeredWithin / 3600}h ${formatShare(o.answeredWithin)} · abandoned ${formatShare(o.abandonRate)} · utilization ${formatShare(o.utilization)}`}</Text>;
    case 'tiers':
      return <Text>{scenario.tiers.map((t) => `${t.name} ${formatShare(doc.byTier[t.name].slaAttainment)} (goal ${Math.round(100 * t.goal)}%)`).join(' · ')}</Text>;
    case 'teams':
      return <Text>{Object.entries(doc.byTeam).map(([n, t]) => `${n}: utilization ${formatShare(t.utilization)}, slots ${formatShare(t.slotOccupancy)}`).join(' · ')}</Text>;
    case 'sentiment':
      return <Text>{`negative → positive ${formatShare(o.recoveryNegative)} · neutral → positive ${formatShare(o.recoveryNeutral)} · CSAT ${formatShare(o.csat)}`}</Text>;
  }
}

/**
 * The live screen: tabs, progress, then the current view's charts over
 * simulated time (means of the replications finished so far) and its
 * numbers. Small terminals get the numbers without charts.
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
  const showCharts = width >= MIN_CHART_WIDTH && height >= MIN_CHART_HEIGHT;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={color}>{`careload: ${scenario.name}${title ? ` - ${title}` : ''}`}</Text>
      <Tabs view={view} color={color} />
      <ProgressLine state={state} scenario={scenario} color={color} />
      {doc === null ? (
        <Text dimColor={color}>waiting for the first replication to finish…</Text>
      ) : (
        <Box flexDirection="column">
          <Text dimColor={color}>{`means of ${doc.replications} finished replication(s)`}</Text>
          {showCharts ? (
            <Charts height={height - 7} charts={viewCharts(view, { doc, scenario, width, height, color })} />
          ) : (
            <Text dimColor={color}>(charts hidden: the terminal is smaller than {MIN_CHART_WIDTH}x{MIN_CHART_HEIGHT})</Text>
          )}
          <ViewSummary view={view} doc={doc} scenario={scenario} />
        </Box>
      )}
    </Box>
  );
}

export { Report };
