/**
 * The plan part of the HTML report, from plan.json: the chosen staffing and
 * its targets, attainment against headcount (each team varied around the
 * plan), staffing against surge size (a sweep), or the requirement curve
 * over the day (`plan --by-interval`) beside Erlang C's.
 */
import type { PlanDocument } from '../plan-json.js';
import type { RequirementDocument } from '../requirement.js';
import type { ChartSpec } from './chart.js';
import { figureHtml } from './figure.js';
import { escapeHtml, figureCell, formatInterval, tableHtml, textCell } from './markup.js';
import { chartUnit, verdictLine } from './run-section.js';
import type { Section } from './section.js';

function factsHtml(facts: [string, string][]): string {
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/** Charts two to a printed page, after a first page. */
function paged(first: string, charts: ChartSpec[]): Section {
  const pages = [first];
  for (let i = 0; i < charts.length; i += 2) pages.push(`<section>${charts.slice(i, i + 2).map(figureHtml).join('')}</section>`);
  return { pages, charts };
}

/** Attainment against headcount, one chart per team: each target's mean with its interval at each headcount tried. */
function curveCharts(doc: PlanDocument): ChartSpec[] {
  const teams = [...new Set(doc.curve.map((p) => p.team))];
  return teams.flatMap((team, k) => {
    const points = doc.curve.filter((p) => p.team === team).sort((a, b) => a.value - b.value);
    const first = points[0]?.targets[0];
    if (first === undefined) return [];
    // One unit per chart: the targets in the first target's unit.
    const expressions = points[0].targets.filter((t) => t.unit === first.unit).map((t) => t.expression);
    const at = (expression: string) => points.map((p) => p.targets.find((t) => t.expression === expression));
    return [
      {
        id: `plan-curve-${k + 1}`,
        title: `Targets against headcount of team ${team} (the other teams as planned)`,
        xKind: 'number',
        x: points.map((p) => p.value),
        xLabel: `${team} ${doc.teams.find((t) => t.name === team)?.kind === 'change' ? 'change per shift' : 'agents'}`,
        unit: chartUnit(first.unit),
        series: expressions.map((e) => ({
          label: e,
          values: at(e).map((t) => t?.mean ?? null),
          band: { lo: at(e).map((t) => t?.ci95?.[0] ?? null), hi: at(e).map((t) => t?.ci95?.[1] ?? null) },
        })),
        targets: expressions.map((e) => ({ label: `target of ${e}`, value: points[0].targets.find((t) => t.expression === e)?.target ?? 0 })),
      } satisfies ChartSpec,
    ];
  });
}

/** Staffing against surge size (or whatever a sweep varied): each team's headcount per variant. */
function sweepChart(doc: PlanDocument): ChartSpec[] {
  const sweep = doc.sweep;
  if (sweep === undefined || sweep.rows.length === 0) return [];
  const teams = doc.teams.map((t) => t.name);
  return [
    {
      id: 'plan-sweep',
      title: `Staffing against ${sweep.varied}`,
      xKind: 'category',
      x: sweep.rows.map((_, i) => i),
      xLabel: sweep.varied,
      categories: sweep.rows.map((r) => r.label),
      unit: 'count',
      series: teams.map((team) => ({
        label: team,
        values: sweep.rows.map((r) => {
          const s = r.staffing?.[team];
          return typeof s === 'number' ? s : null;
        }),
      })),
    },
  ];
}

function planTargetsTable(doc: PlanDocument): string {
  const at = doc.chosen ?? doc.atMax;
  const path = doc.chosen ? 'chosen' : 'atMax';
  const rows = (at?.targets ?? []).map((t, i) => {
    const unit = chartUnit(t.unit);
    return [textCell(t.expression), figureCell(t.mean, unit, `${path}.targets.${i}.mean`), textCell(formatInterval(t.ci95, unit)), figureCell(t.target, unit, `${path}.targets.${i}.target`), textCell(t.verdict, `verdict ${t.verdict}`)];
  });
  return tableHtml(`Targets at the ${doc.chosen ? 'chosen staffing' : 'maxima (no staffing passed)'}`, ['target', 'observed', '95% interval', 'target value', 'verdict'], rows, 'plan');
}

/** The plan section of a plan.json of kind `plan`. */
function staffingSection(doc: PlanDocument): Section {
  const staffing = Object.entries(doc.staffing ?? {}).map(([team, s]) => [textCell(team), typeof s === 'number' ? figureCell(s, 'count', `staffing.${team}`) : textCell(`change ${s.change} per shift`)]);
  const at = doc.chosen ?? doc.atMax;
  const first = `<section><h2>Plan: ${escapeHtml(doc.scenario.name)}</h2>${factsHtml([
    ['scenario', doc.scenario.name],
    ['scenario hash', doc.scenario.hash],
    ['seed', String(doc.seed)],
    ['confidence', `${(100 * doc.confidence).toFixed(0)}%`],
    ['replications over all staffings', String(doc.replications)],
  ])}<p class="verdict ${doc.status === 'found' ? 'pass' : 'fail'}">Plan: ${escapeHtml(doc.status)}${at ? `; targets ${escapeHtml(verdictLine(at.targets))}` : ''}${doc.cost !== null ? `; cost ${doc.cost.toFixed(1)} weighted agent-hours` : ''}</p>${
    staffing.length > 0 ? tableHtml('Chosen staffing', ['team', 'staffing'], staffing, 'plan') : ''
  }${planTargetsTable(doc)}</section>`;
  return paged(first, [...curveCharts(doc), ...sweepChart(doc)]);
}

/** The plan section of a plan.json of kind `requirement`: the curve over the day beside Erlang C's. */
function requirementSection(doc: RequirementDocument): Section {
  const chart: ChartSpec = {
    id: 'plan-requirement',
    title: `Agents team ${doc.team} needs per interval: simulated requirement and Erlang C's`,
    xKind: 'time',
    x: doc.steps.map((s) => s.from),
    xLabel: 'interval starting',
    unit: 'count',
    series: [
      { label: 'simulated requirement', values: doc.steps.map((s) => s.agents) },
      { label: 'Erlang C', values: doc.steps.map((s) => s.erlang) },
    ],
  };
  const rows = doc.steps.map((s, i) => [textCell(s.at), figureCell(s.agents, 'count', `steps.${i}.agents`), figureCell(s.erlang, 'count', `steps.${i}.erlang`), textCell(s.verdict ?? '–')]);
  const first = `<section><h2>Requirement curve: ${escapeHtml(doc.scenario.name)}</h2>${factsHtml([
    ['scenario', doc.scenario.name],
    ['scenario hash', doc.scenario.hash],
    ['seed', String(doc.seed)],
    ['team', doc.team],
    ['targets', doc.targets.join('; ')],
    ['replications', String(doc.replications)],
  ])}<p class="verdict">Status: ${escapeHtml(doc.status)}</p><details class="block"><summary>Table of every interval</summary>${tableHtml('Requirement per interval', ['interval', 'simulated', 'Erlang C', 'verdict'], rows, 'plan')}</details></section>`;
  return paged(first, [chart]);
}

/** The plan section: by plan.json's kind. */
export function planSection(doc: PlanDocument | RequirementDocument): Section {
  return doc.kind === 'requirement' ? requirementSection(doc) : staffingSection(doc);
}
