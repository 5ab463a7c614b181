import { firstThatFits } from './fit-text.js';
import { Box, Text } from 'ink';
import { formatElapsed, formatPlanTarget, headcountChart, table, targetRow, type PlanCandidate, type PlanPhase, type ThresholdVerdict } from '../../src/index.js';
import { intervalChart } from './interval-chart.js';
import { curveSoFar, timeLeft, type IntervalRunning, type PlanLiveState, type PlanRunning } from './plan-state.js';

const MARKS: Record<ThresholdVerdict, string> = { pass: '✓ pass', fail: '✗ fail', inconclusive: '? inconclusive' };
const COLORS: Record<ThresholdVerdict, string> = { pass: 'green', fail: 'red', inconclusive: 'yellow' };

/** One line of the screen: its text, a span of it to colour, and its weight. */
interface Line {
  text: string;
  span?: { from: number; to: number; color: string };
  dim?: boolean;
  bold?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A line whose verdict mark (`✓ pass`) is coloured. */
function marked(text: string, verdict: ThresholdVerdict): Line {
  const from = text.indexOf(MARKS[verdict]);
  return from < 0 ? { text } : { text, span: { from, to: from + MARKS[verdict].length, color: COLORS[verdict] } };
}

/** A staffing in one line: `agents 14`, `priority +2, regular 0`. */
function staffing(plan: Pick<PlanRunning, 'teams' | 'kinds'>, values: readonly number[]): string {
  return plan.teams.map((t, i) => `${t} ${plan.kinds[i] === 'change' && values[i] > 0 ? '+' : ''}${values[i]}`).join(', ');
}

/** What the plan is doing, in words. */
function phaseText(phase: PlanPhase): string {
  switch (phase.step) {
    case 'raising':
      return 'raising every team until the targets pass';
    case 'lowering':
      return `lowering ${phase.teams[0]} to the least that passes`;
    case 'trading':
      return `trading agents of ${phase.teams[0]} for agents of ${phase.teams[1]}`;
    case 'confirming':
      return 'confirming: one agent fewer on each team must fail';
    case 'fewer':
      return 'checking one agent fewer on each team';
    case 'curve':
      return 'drawing the targets against headcount';
  }
}

/** `about 4 staffings left (~0:20)`, honest about what it cannot tell. */
function leftText(state: PlanLiveState): string {
  const left = timeLeft(state);
  const parts: string[] = [];
  if (state.plan?.phase?.step === 'raising') parts.push('time left unknown until the targets pass');
  else if (left.candidates === 0) parts.push('finishing');
  else if (left.candidates !== null) parts.push(`about ${plural(left.candidates, 'staffing')} left${left.seconds !== null ? ` (~${formatElapsed(left.seconds)})` : ''}${state.plan?.phase?.after === null ? ' before the curve' : ''}`);
  if (left.variants > 0) parts.push(`then ${plural(left.variants, 'more variant')}${left.variantSeconds !== null ? ` (~${formatElapsed(left.variantSeconds)} each)` : ''}`);
  return parts.join(', ');
}

/** A targets table with its verdict first, indented. */
function targetLines(candidate: PlanCandidate): Line[] {
  const rows = candidate.targets.map((t) => [MARKS[t.verdict], t.expression, formatPlanTarget(targetRow(t))]);
  const text = table(['verdict', 'target', 'observed [95% CI]'], rows).split('\n');
  return text.map((t, k) => (k >= 2 ? marked(`  ${t}`, candidate.targets[k - 2].verdict) : { text: `  ${t}`, bold: k === 0 }));
}

/** The plan under way: progress, the phase, the latest candidate and the best so far. */
function planLines(state: PlanLiveState, plan: PlanRunning): Line[] {
  const lines: Line[] = [];
  const left = leftText(state);
  lines.push({ text: `${plural(plan.tried, 'staffing')} tried · ${plural(plan.replications, 'replication')} · ${formatElapsed(state.elapsed)} elapsed${left ? ` · ${left}` : ''}` });
  if (plan.phase) {
    const sim = plan.simulating;
    const reps = sim && sim.max > 0 ? ` (${sim.done} of at most ${sim.max} replications)` : '';
    lines.push({ text: `now: ${phaseText(plan.phase)}${sim ? ` · simulating ${staffing(plan, sim.values)}${reps}` : ''}` });
  }
  lines.push({ text: ' ' });
  if (plan.latest) {
    lines.push(marked(`latest: ${staffing(plan, plan.latest.values)} · ${MARKS[plan.latest.verdict]} on ${plural(plan.latest.replications, 'replication')} · ${plan.latest.cost.toFixed(0)} agent-hours`, plan.latest.verdict));
    lines.push(...targetLines(plan.latest));
  }
  lines.push(
    plan.best
      ? { text: `best so far: ${staffing(plan, plan.best.values)} · ${plan.best.cost.toFixed(0)} agent-hours · passed on ${plural(plan.best.replications, 'replication')}`, bold: true }
      : { text: 'best so far: no staffing has passed yet', dim: true },
  );
  return lines;
}

/** The curve through the best so far, as many charts as fit in `budget` lines. */
function chartLines(plan: PlanRunning, width: number, budget: number): Line[] {
  const charts: string[][] = [];
  let room = budget;
  let omitted = 0;
  for (const { team, points } of curveSoFar(plan)) {
    if (points.length < 2) continue;
    for (const [k, t] of points[0].candidate.targets.entries()) {
      // As in the report: only the targets that fail somewhere on the curve explain where the plan stops.
      if (points.every((p) => p.candidate.targets[k]?.verdict === 'pass')) continue;
      // A chart needs its title, 3 plot rows, the axis, values and verdicts, and a blank line.
      const height = Math.min(7, room - 5);
      if (height < 3) {
        omitted++;
        continue;
      }
      const chart = headcountChart({
        expression: t.expression,
        unit: t.unit,
        target: t.target,
        team: plan.teams[team],
        kind: plan.kinds[team] ?? 'agents',
        chosen: plan.best?.values[team] ?? null,
        height,
        columnWidth: points.length * 6 + 12 <= width ? 6 : 4,
        points: points.map((p) => ({ value: p.value, mean: p.candidate.targets[k]?.observed.mean ?? null, ci95: p.candidate.targets[k]?.observed.ci95 ?? null, verdict: p.candidate.targets[k]?.verdict ?? 'fail' })),
      });
      if (chart.length === 0) continue;
      charts.push(chart);
      room -= chart.length + 1;
    }
  }
  const lines: Line[] = charts.flatMap((c) => [{ text: ' ' }, ...c.map((text, k) => ({ text, bold: k === 0 }))]);
  if (omitted > 0) lines.push({ text: `… ${plural(omitted, 'more chart')} in the report`, dim: true });
  return lines;
}

/** `--by-interval`: which interval, the latest headcount tried, the curve so far. */
function intervalLines(state: PlanLiveState, i: IntervalRunning, width: number, budget: number): Line[] {
  const done = i.steps.length;
  const perInterval = done > 0 ? state.elapsed / done : null;
  const left = perInterval !== null && done < i.total ? ` · about ${formatElapsed(perInterval * (i.total - done))} left` : '';
  const lines: Line[] = [{ text: `interval ${Math.min(i.index, i.total)} of ${i.total} · ${plural(i.replications, 'replication')} · ${formatElapsed(state.elapsed)} elapsed${left}` }];
  const sim = i.simulating;
  const now = sim ? `simulating ${plural(sim.agents, 'agent')}${sim.max > 0 ? ` (${sim.done} of at most ${sim.max} replications)` : ''}` : '';
  const latest = i.latest ? `latest ${plural(i.latest.values[0], 'agent')}: ${MARKS[i.latest.verdict]}` : '';
  if (now || latest) lines.push(i.latest ? marked([now, latest].filter(Boolean).join(' · '), i.latest.verdict) : { text: now });
  const last = i.steps[done - 1];
  if (last) lines.push({ text: `last planned: ${last.at}: ${last.agents === null ? 'none within the bounds' : plural(last.agents, 'agent')} (Erlang C ${last.erlang})` });
  const chart = intervalChart(i.steps, width, Math.min(12, budget - lines.length - 4));
  if (chart.length > 0) lines.push({ text: ' ' }, ...chart.map((text, k) => ({ text, bold: k === 0 })));
  return lines;
}

/** The sweep: which variant of how many, and the rows done. */
function sweepLines(state: PlanLiveState): Line[] {
  const s = state.sweep;
  if (!s) return [];
  const lines: Line[] = [
    {
      text: s.index < 0
        ? `${s.varied}: the plan as written first, then ${plural(s.labels.length, 'variant')}`
        : `${s.varied}: variant ${Math.min(s.index + 1, s.labels.length)} of ${s.labels.length} (${s.labels[s.index] ?? ''})`,
    },
  ];
  for (const { row, seconds } of s.rows) {
    const what = row.staffing
      ? `${Object.entries(row.staffing).map(([k, v]) => `${k} ${typeof v === 'number' ? v : `${v.change > 0 ? '+' : ''}${v.change}/shift`}`).join(', ')} · ${row.cost?.toFixed(0)} agent-hours`
      : row.status === 'infeasible' ? 'none within the bounds' : 'stopped';
    const verdict: ThresholdVerdict = row.staffing ? 'pass' : 'fail';
    lines.push(marked(`  ${MARKS[verdict]}  ${row.label}: ${what} · ${formatElapsed(seconds)}`, verdict));
  }
  return lines;
}

function LineText({ line, color }: { line: Line; color: boolean }) {
  const span = color ? line.span : undefined;
  return (
    <Text wrap="truncate-end" dimColor={color && line.dim} bold={color && line.bold}>
      {span ? line.text.slice(0, span.from) : line.text}
      {span ? <Text color={span.color}>{line.text.slice(span.from, span.to)}</Text> : null}
      {span ? line.text.slice(span.to) : null}
    </Text>
  );
}

/**
 * The live screen of `careload plan`: the scenario, teams and targets; the
 * sweep's variant; staffings tried, replications, elapsed time and a rough
 * estimate of what is left; what the search is doing and the staffing it
 * simulates; the latest staffing with each target's mean, interval and
 * verdict; the best that passed so far; and the targets against each
 * team's headcount through it, as far as the search has drawn them. With
 * `--by-interval`: the interval under way and the requirement curve so far.
 * Every verdict is a mark and a word, so it reads right without colour; it
 * fits `width` x `height`.
 */
export function PlanLiveView({ state, width, height, color }: { state: PlanLiveState; width: number; height: number; color: boolean }) {
  const teams = state.interval ? `--by-interval: team ${state.interval.team}` : state.plan ? state.plan.teams.join(', ') : 'starting';
  const head: Line[] = [
    // A long path gives way first, so the stop key stays on screen.
    {
      text: firstThatFits([`careload plan: ${state.scenario} (${state.file}) · ${teams} · q: stop`, `careload plan: ${state.scenario} · ${teams} · q: stop`], width),
      bold: true,
    },
    { text: `targets: ${state.targets.join('; ')} (${(100 * state.confidence).toFixed(0)}% confidence unless a target says otherwise)`, dim: true },
    ...sweepLines(state),
  ];
  const stop: Line[] = state.stopping
    ? [{ text: `stopping: writing ${state.interval ? 'the intervals planned' : 'the best staffing that passed'} so far, marked stopped`, bold: true }]
    : [];
  const budget = Math.max(1, height - head.length - stop.length);
  let body: Line[];
  if (state.interval) body = intervalLines(state, state.interval, width, budget);
  else if (state.plan) {
    const plan = planLines(state, state.plan);
    body = [...plan, ...chartLines(state.plan, width, budget - plan.length)];
  } else body = [{ text: `${formatElapsed(state.elapsed)} elapsed · starting`, dim: true }];
  const lines = [...head, ...body.slice(0, budget), ...stop];
  return (
    <Box flexDirection="column" width={width}>
      {lines.slice(0, Math.max(1, height)).map((line, i) => (
        <LineText key={i} line={line} color={color} />
      ))}
    </Box>
  );
}
