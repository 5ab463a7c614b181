/**
 * check results as GitHub-flavoured Markdown, for a pull-request comment or
 * $GITHUB_STEP_SUMMARY: a heading with the overall verdict, a line of
 * counts, then per scenario a table of its thresholds, then the skipped
 * files. Verdicts are written as a mark and a word (`✓ pass`, `✗ fail`,
 * `? inconclusive`), so they read right without colour or emoji.
 */
import type { CheckDocument, ScenarioCheck, ThresholdResult } from '../check/types.js';
import type { Verdict } from '../check/verdict.js';
import { formatConfidence, replicationsText, thresholdValues, windowsLine } from './threshold-values.js';

const MARK: Record<Verdict, string> = {
  pass: '✓ pass',
  fail: '✗ fail',
  inconclusive: '? inconclusive',
};

/**
 * Text made inert for Markdown: characters that would start emphasis,
 * links, code, HTML, entities or table cells are backslash-escaped, and
 * line breaks become spaces (a table row or heading is one line).
 */
export function markdownText(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/**
 * Text as a code span, fenced with more backticks than it holds. In a
 * table (`inTable`) pipes are escaped too: GFM splits cells before it reads
 * code spans, and takes `\|` there as a pipe.
 */
export function markdownCode(text: string, inTable = false): string {
  const flat = text.replace(/\r\n|[\r\n]/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Our own text (numbers, units, comparisons) for a table cell: only pipes
 * need escaping, nothing in it starts Markdown or HTML (`< 2h` is no tag).
 */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** One table row. */
function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** One threshold as a table row. */
function thresholdRow(r: ThresholdResult, doc: CheckDocument): string {
  const v = thresholdValues(r);
  let observed = v.interval === null ? v.mean : `${v.mean} ${v.interval}`;
  // The confidence is stated once above the tables; a threshold that names its own says so.
  if (v.interval !== null && r.confidence !== doc.confidence) observed += ` at ${v.confidence}`;
  return row([MARK[r.verdict], markdownCode(r.expression, true), cell(observed), cell(v.target), cell(v.margin), String(r.replications)]);
}

/** One scenario: a heading with its verdict, its file and seed, and the table of its thresholds. */
function scenarioSection(s: ScenarioCheck, doc: CheckDocument): string[] {
  const lines = [
    `### ${MARK[s.verdict]}: ${markdownText(s.scenario)}`,
    '',
    `${markdownCode(s.file)} · seed ${s.seed} · ${replicationsText(s.replications)} run`,
    '',
  ];
  if (s.thresholds.length === 0) return [...lines, 'No thresholds.', ''];
  const windows = windowsLine(s);
  if (windows !== null) lines.push(markdownText(windows.charAt(0).toUpperCase() + windows.slice(1)), '');
  return [
    ...lines,
    row(['Verdict', 'Threshold', 'Observed [interval]', 'Target', 'Margin', 'Replications']),
    row([':--', ':--', '--:', '--:', '--:', '--:']),
    ...s.thresholds.map((r) => thresholdRow(r, doc)),
    '',
  ];
}

/** `1 scenario`, `3 thresholds`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The line of counts under the heading. */
function summary(doc: CheckDocument): string[] {
  const thresholds = doc.scenarios.flatMap((s) => s.thresholds);
  const by = (v: Verdict) => thresholds.filter((r) => r.verdict === v).length;
  const inconclusive = by('inconclusive');
  const counts = [`${by('pass')} passed`, `${by('fail')} failed`];
  if (inconclusive > 0) counts.push(`${inconclusive} inconclusive (counted as ${doc.inconclusive === 'fail' ? 'failures' : 'passes'})`);
  return [
    `**${count(doc.scenarios.length, 'scenario')}, ${count(thresholds.length, 'threshold')}:** ${counts.join(', ')}.`,
    '',
    `Intervals are the ones the verdicts were decided on, at ${formatConfidence(doc.confidence)} confidence across the sequential looks unless a threshold names its own; at most ${replicationsText(doc.maxReplications)} per scenario.`,
  ];
}

/**
 * The check document as a GitHub-flavoured Markdown summary: the overall
 * verdict, then a table per scenario (verdict, threshold, observed mean
 * with interval, target, margin, replications), then the skipped files.
 * Deterministic: the same document gives the same text.
 */
export function checkMarkdown(doc: CheckDocument): string {
  const lines = [`## ${doc.verdict === 'stopped' ? '? stopped' : MARK[doc.verdict]}: careload check`, '', ...summary(doc), ''];
  if (doc.scenarios.length === 0) lines.push('No scenario with thresholds was checked.', '');
  for (const s of doc.scenarios) lines.push(...scenarioSection(s, doc));
  if (doc.skipped.length > 0) {
    lines.push('### Skipped files', '');
    for (const f of doc.skipped) lines.push(`- ${markdownCode(f.file)}: ${markdownText(f.reason)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
