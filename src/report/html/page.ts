/**
 * The HTML report: one self-contained page (uPlot, styles, script and data
 * inline; no network) rendering whatever results it is given (a run, a
 * comparison, a plan, a check). Pure: data in, HTML text out.
 */
import type { CheckDocument } from '../../check/types.js';
import type { CompareDocument } from '../compare-json.js';
import type { SummaryDocument } from '../json.js';
import type { PlanDocument } from '../plan-json.js';
import type { ReplicationValuesDocument } from '../replications.js';
import type { RequirementDocument } from '../requirement.js';
import type { RunRecord } from '../run-record.js';
import type { ReportAssets } from './assets.js';
import { CLIENT_SCRIPT } from './client.js';
import { checkSection } from './check-section.js';
import { compareSection } from './compare-section.js';
import { DASHES, PALETTE, SHADES } from './figure.js';
import { escapeHtml } from './markup.js';
import { planSection } from './plan-section.js';
import { runSection } from './run-section.js';
import type { Section } from './section.js';

/** The results a report page renders; each part present is shown, in this order. */
export interface HtmlReportInput {
  /** A run: summary.json, with run.json and replications.json when at hand (the date and version; the interval bands). */
  run?: { summary: SummaryDocument; record?: RunRecord; replications?: ReplicationValuesDocument };
  compare?: CompareDocument;
  plan?: PlanDocument | RequirementDocument;
  check?: CheckDocument;
  /** The careload version that wrote the page. */
  careloadVersion: string;
  /** Where the results were read from, shown in the header (optional). */
  source?: string;
}

const STYLE = `
:root { --fg: #1d1d1f; --bg: #ffffff; --muted: #5f6368; --grid: #d9d9de; --rule: #c8c8cf; --pass: #007a4d; --fail: #b3261e; --inconclusive: #8a5a00; color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #17181a; --muted: #a4a7ad; --grid: #3a3c40; --rule: #4a4d52; --pass: #5cd6a0; --fail: #ff8a80; --inconclusive: #f0c060; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.muted { color: var(--muted); font-size: .9rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
p.verdict { font-weight: 600; padding: .4rem .6rem; border-left: 4px solid var(--rule); }
p.verdict.pass { border-color: var(--pass); } p.verdict.fail { border-color: var(--fail); } p.verdict.inconclusive { border-color: var(--inconclusive); }
td.verdict { font-weight: 600; }
td.verdict.pass, td.verdict.better { color: var(--pass); } td.verdict.fail, td.verdict.worse { color: var(--fail); } td.verdict.inconclusive { color: var(--inconclusive); }
.warning { border-left: 4px solid var(--inconclusive); padding: .3rem .6rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .88rem; }
caption { text-align: left; color: var(--muted); padding-bottom: .25rem; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid var(--grid); text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
.legend { list-style: none; padding: 0; margin: 0 0 .3rem; display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .85rem; }
.swatch { display: inline-block; width: 1.8rem; height: 0; border-top-width: 3px; vertical-align: middle; margin-right: .35rem; }
.swatch.target { border-top: 2px dashed var(--fg); }
.swatch.shade { height: .8rem; border: 1px solid var(--rule); }
.plot { min-height: 240px; }
details { margin: .3rem 0; } summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@page { margin: 12mm; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --grid: #bbb; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  main > section + section { break-before: page; page-break-before: always; }
  details:not([open]) { display: none; }
  .plot { width: 100%; overflow: hidden; }
  .uplot, .uplot canvas { max-width: 100% !important; height: auto !important; }
  footer { display: none; }
}
`;

/** Inline JSON in a script element: `<` escaped so that no `</script>` can close it. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** What the page is a report of, for its title. */
function titleOf(input: HtmlReportInput): string {
  const name = input.run?.summary.scenario.name ?? input.compare?.scenario.name ?? input.plan?.scenario.name ?? (input.check ? 'check' : 'results');
  const kinds = [input.run && 'run', input.compare && 'compare', input.plan && 'plan', input.check && 'check'].filter(Boolean).join(', ');
  return `careload report: ${name} (${kinds})`;
}

/**
 * Renders the report page. `assets` are uPlot's script and style (see
 * reportAssets), inlined whole; no part of the page is fetched.
 * @throws Error when the input holds no result to render
 */
export function renderHtmlReport(input: HtmlReportInput, assets: ReportAssets): string {
  const sections: Section[] = [];
  if (input.run) sections.push(runSection(input.run.summary, input.run.record, input.run.replications));
  if (input.compare) sections.push(compareSection(input.compare));
  if (input.plan) sections.push(planSection(input.plan));
  if (input.check) sections.push(checkSection(input.check));
  if (sections.length === 0) throw new Error('renderHtmlReport: nothing to render (no run, compare, plan or check results)');
  const charts = sections.flatMap((s) => s.charts);
  const pages = sections.flatMap((s) => s.pages);
  const title = titleOf(input);
  const header = `<header><h1>${escapeHtml(title)}</h1><p class="muted">Written by careload ${escapeHtml(input.careloadVersion)}${
    input.source ? ` from ${escapeHtml(input.source)}` : ''
  }. Charts drawn by uPlot ${escapeHtml(assets.version)}; every chart’s figures are in the table under it.</p></header>`;
  // The header joins the first printed page.
  pages[0] = pages[0].replace(/^<section>/, `<section>${header}`);
  const look = { palette: PALETTE, dashes: DASHES, shades: SHADES };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="careload ${escapeHtml(input.careloadVersion)}">
<title>${escapeHtml(title)}</title>
<style>${assets.style}</style>
<style>${STYLE}</style>
</head>
<body>
<main data-print-pages="${pages.length}">
${pages.join('\n')}
</main>
<footer>Open offline: this file holds its data, styles and scripts, and fetches nothing.</footer>
<script type="application/json" id="careload-charts">${inlineJson(charts)}</script>
<script type="application/json" id="careload-look">${inlineJson(look)}</script>
<script>${assets.script}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
