import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderToString } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { SummaryDocument } from '../../src/report/json.js';
import { loadScenario } from '../../src/scenario/load.js';
import { Table, TimeChart } from '../../cli/ui/parts.js';
import { formatSimulatedClock } from '../../src/format/time.js';
import { backlogPeak, goalCell, Report } from '../../cli/ui/report.js';
import { LiveView, MIN_CHART_HEIGHT, MIN_CHART_WIDTH, progressFraction, VIEWS, type LiveState } from '../../cli/ui/views.js';

// A fixed summary (3 replications of swisscom-outage, recorded once): no simulation runs in these tests.
const doc = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/swisscom-summary.json'), 'utf8')) as SummaryDocument;
const scenario = { ...loadScenario(resolve(import.meta.dirname, '../../scenarios/swisscom-outage.yaml')), report: { ...loadScenario(resolve(import.meta.dirname, '../../scenarios/swisscom-outage.yaml')).report, interval: 7200 } };
const ESC = '\u001b';

const live = (over: Partial<LiveState> = {}): LiveState => ({
  done: 3,
  total: 10,
  simulated: [345600, 345600, 345600, 100000, 50000, 0, 0, 0, 0, 0],
  eventsPerSecond: 1_234_567,
  elapsed: 12,
  summary: doc,
  ...over,
});

describe('Report (final screen and text report)', () => {
  const text = renderToString(<Report doc={doc} scenario={scenario} partial={null} color={false} />, { columns: 80 });

  it('shows SLA per tier against target and goal, with a symbol that reads without colour', () => {
    expect(text).toMatch(/SLA by tier/);
    expect(text).toMatch(/urgent\s+1h\s+80%\s+\d+\.\d% ±\d+\.\d\s+(✓ met|✗ missed|\? inconclusive)/);
    expect(text).toMatch(/standard\s+2h\s+80%/);
  });

  it('marks each tier on its interval: the fixture\'s standard tier straddles its goal, so it is inconclusive, not missed', () => {
    const standard = doc.byTier.standard.slaAttainment;
    expect(standard.ci95![0]).toBeLessThan(0.8);
    expect(standard.ci95![1]).toBeGreaterThan(0.8);
    expect(text).toMatch(/standard\s+2h\s+80%\s+\d+\.\d% ±\d+\.\d\s+\? inconclusive/);
  });

  it('shows the overall figures beside the per-tier ones: SLA, pickup, answered within, next replies', () => {
    const o = doc.overall;
    const pct = (x: number | null) => `${(100 * x!).toFixed(1)}%`;
    const sla = text.split('\n').find((l) => l.startsWith('overall') && l.includes(pct(o.slaAttainment.mean)));
    expect(sla).toBeDefined();
    expect(sla).toContain(pct(o.pickupWithinTarget.mean));
    expect(text).toMatch(/tier\s+target\s+goal\s+SLA met\s+status\s+pickup\s+arrivals/);
    expect(text).toMatch(/tier\s+within 2h\s+reply p90\s+abandoned/);
    const answered = text.split('\n').find((l) => l.startsWith('overall') && l.includes(pct(o.answeredWithin.mean)) && l.includes(pct(o.abandonRate.mean)));
    expect(answered).toBeDefined();
    const withTarget = { ...scenario, tiers: scenario.tiers.map((t) => (t.name === 'urgent' ? { ...t, nextResponseTarget: 1800 } : t)) };
    const shown = renderToString(<Report doc={doc} scenario={withTarget} partial={null} color={false} />, { columns: 80 });
    const next = shown.slice(shown.indexOf('Next replies by tier'));
    expect(next).toMatch(/\noverall\s+-\s+(\d+\.\d% ±\d+\.\d|-)\s+(\d|-)/);
  });

  it('has the headline numbers: p90, abandonment, utilization per team, backlog peak and clearing, recovery, CSAT, matrix', () => {
    for (const pattern of [/first reply p90 \d/, /abandoned \d+\.\d%/, /priority\s+\d+\.\d% ±/, /crisis\s+\d+\.\d% ±/, /backlog peak \d+\.\d waiting at d\d \d\d:\d\d, cleared by d\d \d\d:\d\d/,
      /negative → positive \d+\.\d%/, /neutral → positive \d+\.\d%/, /CSAT \d+\.\d%/, /start \\ end\s+negative\s+neutral\s+positive/]) {
      expect(text).toMatch(pattern);
    }
  });

  it('shows slot occupancy and overrun per team, and next replies only when a tier sets a target', () => {
    expect(text).toMatch(/team\s+utilization\s+slot occupancy\s+agents on shift\s+overrun h\s+handled/);
    expect(text).toMatch(/regular\s+\d+\.\d% ±\d+\.\d\s+\d+\.\d% ±\d+\.\d\s+\d+\.\d\s+\d+\.\d ±\d+\.\d/);
    expect(text).not.toMatch(/Next replies/);
    const withTarget = { ...scenario, tiers: scenario.tiers.map((t) => (t.name === 'urgent' ? { ...t, nextResponseTarget: 1800 } : t)) };
    const shown = renderToString(<Report doc={doc} scenario={withTarget} partial={null} color={false} />, { columns: 80 });
    expect(shown).toMatch(/Next replies by tier/);
    expect(shown).toMatch(/urgent\s+30m\s+(\d+\.\d% ±\d+\.\d|-)/);
    expect(shown).toMatch(/standard\s+-\s/);
    expect(shown).toMatch(/next replies within their tier's target: /);
    for (const line of shown.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('contains no escape sequence without colour, and fits 80 columns', () => {
    expect(text).not.toContain(ESC);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('labels partial results', () => {
    const partial = renderToString(<Report doc={doc} scenario={scenario} partial={{ done: 4, total: 10 }} color={false} />, { columns: 80 });
    expect(partial).toMatch(/PARTIAL RESULTS: stopped after 4 of 10 replications/);
  });

  it('colours status cells when colour is on, and keeps the symbol', () => {
    const { lastFrame } = render(<Report doc={doc} scenario={scenario} partial={null} color={true} />);
    expect(lastFrame()).toMatch(/✓ met|✗ missed/);
  });
});

describe('LiveView', () => {
  for (const view of VIEWS) {
    it(`draws the ${view} view at 100x30 with charts, axes and units`, () => {
      const { lastFrame } = render(<LiveView scenario={scenario} state={live()} view={view} width={100} height={30} color={false} />);
      const frame = lastFrame()!;
      expect(frame).toContain(`[${view}]`);
      expect(frame).toMatch(/replications 3\/10/);
      expect(frame).toMatch(/1\.2M events\/s/);
      expect(frame).toMatch(/d1 00:00/); // time axis
      expect(frame).toMatch(/┤|┼/); // a chart
      expect(frame.split('\n').length).toBeLessThanOrEqual(30);
    });
  }

  it('names each chart with its unit', () => {
    const frame = (v: (typeof VIEWS)[number]) => render(<LiveView scenario={scenario} state={live()} view={v} width={100} height={30} color={false} />).lastFrame()!;
    expect(frame('overview')).toMatch(/Arrival rate \(per hour\) - messenger, twitter, facebook/);
    expect(frame('overview')).toMatch(/Backlog \(conversations waiting\) - urgent, standard/);
    expect(frame('tiers')).toMatch(/SLA attainment by arrival interval \(%\) - urgent, standard, goal 80%/);
    expect(frame('teams')).toMatch(/Agents on shift \(agents\) - priority, regular, crisis/);
    expect(frame('teams')).toMatch(/Slot occupancy \(open conversations \/ slots on shift\) \(%\) - priority, regular, crisis/);
    expect(frame('teams')).toMatch(/priority: utilization \d+\.\d% ±\d+\.\d, slots \d+\.\d% ±/);
    expect(frame('sentiment')).toMatch(/Negative share of arrivals \(%\)/);
  });

  it('hides the charts on small terminals instead of wrapping, and stays within 80x24', () => {
    const { lastFrame } = render(<LiveView scenario={scenario} state={live()} view="overview" width={MIN_CHART_WIDTH - 1} height={24} color={false} />);
    expect(lastFrame()).toMatch(/charts hidden/);
    expect(lastFrame()).not.toMatch(/┤/);
    const small = render(<LiveView scenario={scenario} state={live()} view="overview" width={80} height={MIN_CHART_HEIGHT + 5} color={false} />).lastFrame()!;
    expect(small.split('\n').length).toBeLessThanOrEqual(MIN_CHART_HEIGHT + 5);
  });

  it('waits politely before the first replication finishes', () => {
    const { lastFrame } = render(<LiveView scenario={scenario} state={live({ done: 0, summary: null })} view="overview" width={100} height={30} color={false} />);
    expect(lastFrame()).toMatch(/waiting for the first replication/);
  });
});

describe('parts', () => {
  it('Table aligns columns and keeps symbols in status cells', () => {
    const { lastFrame } = render(<Table color={false} header={['tier', 'status']} rows={[['urgent', { text: '✓ met', color: 'green' }], ['standard', { text: '✗ missed', color: 'red' }]]} />);
    expect(lastFrame()).toBe(['tier        status', '--------  --------', 'urgent       ✓ met', 'standard  ✗ missed'].join('\n'));
  });

  it('TimeChart says when it has nothing to draw', () => {
    const { lastFrame } = render(<TimeChart title="Backlog" unit="waiting" series={[{ label: 'a', values: [null, null] }]} width={60} height={8} horizon={3600} startsAt={0} color={false} />);
    expect(lastFrame()).toMatch(/no data yet/);
  });

  it('helpers: clock times, backlog peak, goal cells, progress', () => {
    expect(formatSimulatedClock(26 * 3600 + 90, 3600)).toBe('d2 03:01');
    const peak = backlogPeak(doc.timeseries.rows)!;
    expect(peak.peak).toBe(Math.max(...doc.timeseries.rows.map((r) => r.backlog)));
    expect(peak.clearedAt === null || peak.clearedAt > peak.at).toBe(true);
    // Judged on the interval, like a threshold: a mean above the goal is not enough.
    expect(goalCell({ mean: 0.81, ci95: [0.805, 0.815] }, 0.8).text).toBe('✓ met');
    expect(goalCell({ mean: 0.79, ci95: [0.78, 0.795] }, 0.8).text).toBe('✗ missed');
    expect(goalCell({ mean: 0.81, ci95: [0.79, 0.83] }, 0.8).text).toBe('? inconclusive');
    expect(goalCell({ mean: 0.79, ci95: [0.77, 0.81] }, 0.8).text).toBe('? inconclusive');
    expect(goalCell({ mean: 0.81, ci95: null }, 0.8).text).toBe('? inconclusive');
    expect(goalCell({ mean: null, ci95: null }, 0.8).text).toBe('-');
    expect(progressFraction(live(), scenario.horizon)).toBeCloseTo((3 + 100000 / 345600 + 50000 / 345600) / 10, 9);
  });
});
