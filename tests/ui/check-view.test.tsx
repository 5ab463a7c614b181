/**
 * The live view of `careload check`, fed a scripted check: the events
 * checkScenario reports (batches, replications, looks) go through the same
 * state functions the command uses, and each screen is read back. No
 * simulation runs here.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { CheckLook, ScenarioCheck, ThresholdResult } from '../../src/index.js';
import {
  batchStarted,
  initialCheckState,
  looked,
  replicationDone,
  scenarioDone,
  scenarioStarted,
  scenarioVerdict,
  stopping,
  ticked,
  type CheckLiveState,
} from '../../cli/ui/check-state.js';
import { CheckLiveView } from '../../cli/ui/check-view.js';

const ESC = '\u001b';

/** A share threshold `metric >= target` as checkScenario reports it. */
function share(metric: string, target: number, mean: number, ci: [number, number], verdict: ThresholdResult['verdict'], replications: number): ThresholdResult {
  return {
    metric,
    condition: `>= ${100 * target}%`,
    expression: `${metric} >= ${100 * target}%`,
    scope: {},
    aggregation: 'rate',
    unit: 'share',
    operator: '>=',
    target,
    confidence: 0.95,
    observed: { mean, ci, ci95: ci },
    margin: mean - target,
    verdict,
    replications,
  };
}

function look(n: number, looks: number, replications: number, thresholds: ThresholdResult[], last = false): CheckLook {
  return { look: n, looks, replications, max: 40, thresholds, last };
}

function checkOf(name: string, thresholds: ThresholdResult[], replications: number): ScenarioCheck {
  const failed = thresholds.some((t) => t.verdict !== 'pass');
  return { scenario: name, file: `scenarios/${name}.yaml`, scenarioHash: '0123456789abcdef', seed: 1, replications, thresholds, verdict: failed ? 'fail' : 'pass' };
}

const screen = (state: CheckLiveState, width = 100, height = 30, color = false) => render(<CheckLiveView state={state} width={width} height={height} color={color} />).lastFrame()!;

describe('CheckLiveView through a scripted check', () => {
  const sla = (mean: number, ci: [number, number], verdict: ThresholdResult['verdict'], n: number) => share('slaAttainment', 0.75, mean, ci, verdict, n);
  const answered = (mean: number, ci: [number, number], verdict: ThresholdResult['verdict'], n: number) => share('answeredWithin', 0.8, mean, ci, verdict, n);
  const start = initialCheckState(
    [
      { name: 'alpha', file: 'scenarios/alpha.yaml', thresholds: ['slaAttainment >= 75%', 'answeredWithin >= 80%'] },
      { name: 'beta', file: 'scenarios/beta.yaml', thresholds: ['slaAttainment >= 75%'] },
    ],
    [{ file: 'scenarios/overlay.yaml', reason: 'no channels: an overlay or partial scenario' }],
    'fail',
  );

  // The events of two scenarios, in the order checkScenario reports them.
  const s1 = scenarioStarted(start, 0, 40);
  const s2 = batchStarted(s1, { look: 1, looks: 3, from: 0, to: 10, max: 40 });
  const s3 = ticked(replicationDone(s2, 4, 40), 2.4);
  const s4 = looked(replicationDone(s3, 10, 40), look(1, 3, 10, [sla(0.801, [0.79, 0.812], 'pass', 10), answered(0.805, [0.79, 0.82], 'inconclusive', 10)]));
  const s5 = batchStarted(s4, { look: 2, looks: 3, from: 10, to: 20, max: 40 });
  const s6 = looked(replicationDone(s5, 20, 40), look(2, 3, 20, [sla(0.801, [0.79, 0.812], 'pass', 10), answered(0.78, [0.771, 0.789], 'fail', 20)], true));
  const final1 = s6.running!.look!.thresholds;
  const s7 = scenarioDone(s6, checkOf('alpha', final1, 20), 3.2);
  const s8 = batchStarted(scenarioStarted(s7, 1, 40), { look: 1, looks: 3, from: 0, to: 10, max: 40 });

  it('starts with every scenario waiting, and the skipped files', () => {
    const frame = screen(start);
    expect(frame).toMatch(/careload check: 0 of 2 scenarios checked · q: stop/);
    expect(frame).toMatch(/· waiting\s+alpha\s+2 thresholds/);
    expect(frame).toMatch(/· waiting\s+beta\s+1 threshold\b/);
    expect(frame).toMatch(/- skipped\s+scenarios\/overlay\.yaml: no channels/);
  });

  it('before the first look: the batch under way and the thresholds waiting for it', () => {
    const frame = screen(s3);
    expect(frame).toMatch(/▶ running\s+alpha\s+look 1 of at most 3 · 4 of at most 40 replications\n/);
    expect(frame).toMatch(/alpha \(scenarios\/alpha\.yaml\)/);
    expect(frame).toMatch(/look 1 of at most 3: replications 1 to 10 · 4 of at most 40 replications done · 0:02 elapsed/);
    expect(frame).toMatch(/verdict so far\s+threshold\s+observed \[interval\]\s+margin\s+replications/);
    expect(frame).toMatch(/… first look\s+answeredWithin >= 80%\s+-\s+-\s+0/);
  });

  it('after a look: each threshold with its mean, interval, margin and verdict so far', () => {
    const frame = screen(s4);
    expect(frame).toMatch(/✓ pass\s+slaAttainment >= 75%\s+80\.1% \[79\.0%, 81\.2%\]\s+\+5\.1pp\s+10/);
    expect(frame).toMatch(/\? inconclusive\s+answeredWithin >= 80%\s+80\.5% \[79\.0%, 82\.0%\]\s+\+0\.5pp\s+10/);
  });

  it('the next batch keeps the last look on screen until the next look replaces it', () => {
    const during = screen(s5);
    expect(during).toMatch(/look 2 of at most 3: replications 11 to 20/);
    expect(during).toMatch(/\? inconclusive\s+answeredWithin >= 80%\s+80\.5%/);
    const after = screen(s6);
    expect(after).toMatch(/✗ fail\s+answeredWithin >= 80%\s+78\.0% \[77\.1%, 78\.9%\]\s+-2\.0pp\s+20/);
    // A threshold decided at an earlier look keeps that look's numbers.
    expect(after).toMatch(/✓ pass\s+slaAttainment >= 75%\s+80\.1% \[79\.0%, 81\.2%\]\s+\+5\.1pp\s+10/);
  });

  it('a done scenario shows its verdict, counts, replications and time; the next one runs', () => {
    const frame = screen(s8);
    expect(frame).toMatch(/careload check: 1 of 2 scenarios checked/);
    expect(frame).toMatch(/✗ fail\s+alpha\s+1 passed, 1 failed · 20 replications · 0:03 elapsed/);
    expect(frame).toMatch(/▶ running\s+beta\s+look 1 of at most 3/);
    expect(frame).toMatch(/beta \(scenarios\/beta\.yaml\)/);
    expect(frame).not.toMatch(/answeredWithin/);
  });

  it('marks a scenario left undecided with ? and says how that counts', () => {
    const undecided = checkOf('beta', [sla(0.76, [0.74, 0.78], 'inconclusive', 40)], 40);
    expect(scenarioVerdict(undecided)).toBe('inconclusive');
    const frame = screen(scenarioDone(s8, undecided, 61));
    expect(frame).toMatch(/\? inconclusive\s+beta\s+1 inconclusive \(counts as fail\) · 40 replications · 1:01 elapsed/);
    expect(frame).toMatch(/careload check: 2 of 2 scenarios checked/);
    expect(frame).not.toMatch(/verdict so far/);
  });

  it('says when q stops the check', () => {
    expect(screen(stopping(s4))).toMatch(/stopping: writing the scenarios checked so far, marked stopped/);
  });

  it('reads right without colour: no escape sequence, a mark and a word for every verdict', () => {
    for (const state of [start, s3, s4, s6, s8]) expect(screen(state)).not.toContain(ESC);
    const frame = screen(s6, 100, 30, true);
    expect(frame).toMatch(/✓ pass/);
    expect(frame).toMatch(/✗ fail/);
  });

  it('fits the terminal: long lines are cut, a long list scrolls to keep the running scenario in sight', () => {
    const many = initialCheckState(
      Array.from({ length: 40 }, (_, i) => ({ name: `scenario-${i}`, file: `scenarios/scenario-${i}.yaml`, thresholds: ['slaAttainment >= 75%'] })),
      Array.from({ length: 5 }, (_, i) => ({ file: `scenarios/overlay-${i}.yaml`, reason: 'no channels: an overlay or partial scenario' })),
      'fail',
    );
    const running = batchStarted(scenarioStarted(many, 20, 40), { look: 1, looks: 3, from: 0, to: 10, max: 40 });
    const frame = screen(running, 60, 20);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(60);
    expect(frame).toMatch(/▶ running\s+scenario-20\s/);
    expect(frame).toMatch(/… \d+ more above/);
    expect(frame).toMatch(/… \d+ more below/);
    expect(frame).toMatch(/verdict so far/);
  });
});
