/**
 * The check part of the HTML report, from check.json: the overall verdict,
 * then per scenario its facts and each threshold's observed mean with its
 * interval against the target (one printed page per scenario).
 */
import type { CheckDocument } from '../../check/types.js';
import { escapeHtml } from './markup.js';
import { thresholdTable, verdictLine } from './run-section.js';
import type { Section } from './section.js';

/** The check section. */
export function checkSection(doc: CheckDocument): Section {
  const all = doc.scenarios.flatMap((s) => s.thresholds);
  const stopped = doc.partial ? ` (stopped: ${doc.partial.done} of ${doc.partial.total} scenarios checked)` : '';
  const first = `<section><h2>Check: ${escapeHtml(doc.verdict)}${escapeHtml(stopped)}</h2><p class="verdict ${doc.verdict === 'pass' ? 'pass' : 'fail'}">${doc.scenarios.length} scenario(s); thresholds ${escapeHtml(
    verdictLine(all),
  )}; inconclusive counts as ${escapeHtml(doc.inconclusive)}</p>${
    doc.skipped.length > 0 ? `<p class="muted">Skipped: ${escapeHtml(doc.skipped.map((s) => s.file).join(', '))}</p>` : ''
  }</section>`;
  const pages = doc.scenarios.map(
    (s, i) =>
      `<section><h3>${escapeHtml(s.scenario)}: ${escapeHtml(s.verdict)}</h3><dl class="facts"><dt>file</dt><dd>${escapeHtml(s.file)}</dd><dt>scenario hash</dt><dd>${escapeHtml(s.scenarioHash)}</dd><dt>seed</dt><dd>${s.seed}</dd><dt>replications</dt><dd>${s.replications}</dd></dl><p class="verdict ${s.verdict}">Thresholds: ${escapeHtml(
        verdictLine(s.thresholds),
      )}${s.baseline ? `; ${s.baseline.regressions.length} regression(s) against ${escapeHtml(s.baseline.file)}` : ''}</p>${thresholdTable(s.thresholds, `scenarios.${i}.thresholds.`, 'check')}</section>`,
  );
  return { pages: [first, ...pages], charts: [] };
}
