import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderToString } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { SummaryDocument } from '../../src/report/json.js';
import { loadScenario } from '../../src/scenario/load.js';
import { stripVTControlCharacters } from 'node:util';
import { clip, packLines } from '../../cli/ui/fit-text.js';
import { LiveScreen } from '../../cli/ui/live.js';
import { layoutPanels, MIN_PANEL_ROWS, panelLines, plotLines, rowOf } from '../../cli/ui/panels.js';
import { Table } from '../../cli/ui/parts.js';
import { LiveStore } from '../../cli/ui/store.js';
import { formatSimulatedClock } from '../../src/format/time.js';
import { backlogPeak, goalCell, Report } from '../../cli/ui/report.js';
import { chartsFit, KEPT_FREE_ROWS, LiveView, MIN_CHART_HEIGHT, MIN_CHART_WIDTH, nextView, progressFraction, VIEWS, type LiveState } from '../../cli/ui/views.js';

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

const VIEW_TITLES: Record<(typeof VIEWS)[number], RegExp[]> = {
  overview: [/all channels arrival rate \(per hour\)/, /all tiers backlog \(waiting\)/],
  tiers: [/urgent SLA( \(% by arrival\))? ┄┄ goal 80%/, /standard SLA( \(% by arrival\))? ┄┄ goal 80%/, /urgent backlog/, /standard backlog/],
  channels: [/messenger arrival rate/, /twitter arrival rate/, /facebook arrival rate/],
  teams: [/priority agents on shift/, /crisis agents on shift/, /regular slot occupancy/],
  sentiment: [/messenger negative share/, /facebook negative share/],
};

/** The live view as ink lays it out on a terminal far wider than `width`, so a line too long shows instead of wrapping. */
const frameOf = (view: (typeof VIEWS)[number], width: number, rows: number, color = false, over: Partial<LiveState> = {}, title?: string) =>
  renderToString(<LiveView scenario={scenario} state={live(over)} view={view} width={width} height={rows - KEPT_FREE_ROWS} color={color} title={title} />, { columns: 300 });
const lines = (frame: string) => frame.split('\n').map((l) => stripVTControlCharacters(l));

describe('LiveView', () => {
  for (const view of VIEWS) {
    it(`draws the ${view} view at 100x30: one series per chart, named, with a time axis`, () => {
      const frame = frameOf(view, 100, 30);
      expect(frame).toContain(`[${view}]`);
      expect(frame).toMatch(/replications 3\/10/);
      expect(frame).toMatch(/1\.2M events\/s/);
      expect(frame).toMatch(/d1 00:00/); // time axis
      expect(frame).toMatch(/┤|┼/); // a chart
      for (const title of VIEW_TITLES[view]) expect(frame).toMatch(title);
      expect(frame.split('\n').length).toBeLessThanOrEqual(29);
    });
  }

  it('every view, in colour or not, and with a long compare title, fits 80x24 and 60x18 without a line too long or too many lines', () => {
    for (const [width, rows] of [[80, 24], [60, 18], [MIN_CHART_WIDTH - 1, 24]]) {
      for (const view of VIEWS) {
        for (const color of [false, true]) {
          const shown = lines(frameOf(view, width, rows, color, {}, 'a variant with a rather long name, from an overlay file'));
          expect(shown.length, `${view} ${width}x${rows}`).toBeLessThanOrEqual(rows - KEPT_FREE_ROWS);
          for (const line of shown) expect([...line].length, `${view} ${width}x${rows}: ${line}`).toBeLessThanOrEqual(width);
        }
        // Everything the view says is there, whole, at 80x24.
        if (width === 80) {
          const frame = frameOf(view, width, rows);
          expect(frame, view).toMatch(/^\d+% · replications 3\/10 .* elapsed/m);
          for (const title of VIEW_TITLES[view]) expect(frame, view).toMatch(title);
          expect(frame, view).not.toMatch(/more charts?:/);
        }
      }
    }
  });

  it('names each series in its own colour (the legend) and draws its line in that colour', () => {
    const frame = frameOf('channels', 80, 24, true);
    const colours = { messenger: '\u001b[36m', twitter: '\u001b[35m', facebook: '\u001b[33m' };
    for (const [name, ansi] of Object.entries(colours)) expect(frame, name).toContain(`${ansi}${name}`);
    const plotted = frame.split('\n').filter((l) => /[┤┼]/.test(l));
    expect(plotted.some((l) => l.includes(`${colours.messenger}╭`) || l.includes(`${colours.messenger}─`))).toBe(true);
    expect(plotted.some((l) => l.includes(`${colours.twitter}─`))).toBe(true);
    expect(stripVTControlCharacters(frameOf('channels', 80, 24, false))).toBe(frameOf('channels', 80, 24, false));
  });

  it('draws each tier\'s SLA goal as a dashed line on the row of its value, labelled with it, under the series', () => {
    for (const [width, rows] of [[80, 24], [100, 40], [60, 18]]) {
      const shown = lines(frameOf('tiers', width, rows));
      const title = shown.findIndex((l) => /^urgent SLA/.test(l));
      const top = title + 1;
      expect(shown[top]).toMatch(/^ +100% [┤┼]/);
      const bottom = shown.findIndex((l, i) => i > top && /^ +0% [┤┼]/.test(l));
      expect(bottom).toBeGreaterThan(top);
      const goalRow = (l: string) => /[┤┼]/.test(l) && l.includes('┄');
      const dashed = shown.findIndex(goalRow);
      expect(shown[dashed]).toMatch(/^ +80% [┤┼]/);
      // 80% is a fifth of the way down from 100% to 0%: the row within half a row of it.
      expect(Math.abs(dashed - (top + 0.2 * (bottom - top))), `${width}x${rows}`).toBeLessThanOrEqual(0.5);
      // One goal line per tier, each labelled with its value.
      expect(shown.filter(goalRow).reduce((n, l) => n + (l.match(/80% [┤┼]┄*/g) ?? []).length, 0), `${width}x${rows}`).toBe(scenario.tiers.length);
    }
    const plot = plotLines([10, 50, 90, 90], { min: 0, max: 100 }, 11, (v) => `${v.toFixed(0)}%`, 80);
    expect(plot[rowOf(80, 0, 100, 11)]).toMatch(/^ +80% ┤┄+/);
    expect(rowOf(80, 0, 100, 11)).toBe(2);
    expect(plot[1]).toMatch(/─/); // the series at 90% is drawn over nothing, one row above the goal
  });

  it('shows the charts at the documented minimum (60x18, counting the row kept free) and hides them one column or one row below', () => {
    expect(chartsFit(MIN_CHART_WIDTH, MIN_CHART_HEIGHT)).toBe(true);
    expect(chartsFit(MIN_CHART_WIDTH - 1, MIN_CHART_HEIGHT)).toBe(false);
    expect(chartsFit(MIN_CHART_WIDTH, MIN_CHART_HEIGHT - 1)).toBe(false);
    for (const view of VIEWS) {
      const at = frameOf(view, MIN_CHART_WIDTH, MIN_CHART_HEIGHT);
      expect(at, view).toMatch(/[┤┼]/);
      expect(at).not.toMatch(/charts hidden/);
      for (const [w, h] of [[MIN_CHART_WIDTH - 1, MIN_CHART_HEIGHT], [MIN_CHART_WIDTH, MIN_CHART_HEIGHT - 1]]) {
        const below = frameOf(view, w, h);
        expect(below, `${view} ${w}x${h}`).toMatch(/charts hidden: the terminal is smaller than 60x18/);
        expect(below).not.toMatch(/[┤┼]/);
      }
    }
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(`smaller than ${MIN_CHART_WIDTH}x${MIN_CHART_HEIGHT}`);
  });

  it('lays out small multiples: one column while tall enough, more columns when that buys height, a note when even that is short', () => {
    expect(layoutPanels(2, 80, 17)).toMatchObject({ columns: 1, panelRows: 8, shown: 2 });
    expect(layoutPanels(4, 80, 17)).toMatchObject({ columns: 2, panelRows: 8, shown: 4 });
    const six = layoutPanels(6, 80, 16); // orange-multibrand's six channels
    expect(six).toMatchObject({ shown: 6 });
    expect(six.panelRows).toBeGreaterThanOrEqual(MIN_PANEL_ROWS);
    const crowded = layoutPanels(12, 60, 10);
    expect(crowded.shown).toBeLessThan(12);
    expect(Math.ceil(crowded.shown / crowded.columns) * crowded.panelRows + 2).toBeLessThanOrEqual(10);
    for (const l of [six, crowded]) expect(l.columns * l.panelWidth + 2 * (l.columns - 1)).toBeLessThanOrEqual(l === six ? 80 : 60);
  });

  it('tab and shift-tab cycle through every view and wrap around', async () => {
    const store = new LiveStore<LiveState>(live());
    const screen = render(<LiveScreen scenario={scenario} store={store} color={false} onQuit={() => undefined} />);
    const current = () => VIEWS.find((v) => screen.lastFrame()!.includes(`[${v}]`));
    // Polls for the expected view (a fixed pause failed on a loaded machine); a wrong view still fails after 5 s.
    const showing = async (view: string) => {
      for (let waited = 0; current() !== view && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      return current();
    };
    expect(await showing('overview')).toBe('overview');
    for (const view of [...VIEWS.slice(1), VIEWS[0]]) {
      screen.stdin.write('\t');
      expect(await showing(view)).toBe(view);
    }
    for (const view of [...VIEWS].reverse()) {
      screen.stdin.write('\u001b[Z'); // shift-tab
      expect(await showing(view)).toBe(view);
    }
    screen.unmount();
    expect(VIEWS.map((_, i) => nextView(i, false))).toEqual([1, 2, 3, 4, 0]);
    expect(VIEWS.map((_, i) => nextView(i, true))).toEqual([4, 0, 1, 2, 3]);
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

  it('a chart says when it has nothing to draw, and keeps its rows', () => {
    const drawn = panelLines({ group: { measure: 'backlog', unit: 'waiting', series: [] }, series: { label: 'a', color: 'cyan', values: [null, null] }, scale: { min: 0, max: 1 } }, 40, 6, false);
    expect(drawn[1]).toMatch(/no data yet/);
    expect(drawn.length).toBe(6);
  });

  it('fits text: clipped with an ellipsis, packed between items', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    expect(packLines(['aaa', 'bbb', 'ccc'], 9)).toEqual(['aaa · bbb', 'ccc']);
    expect(packLines(['a'.repeat(12)], 5)).toEqual(['aaaa…']);
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
