/**
 * check results as JUnit XML, the format CI systems (GitHub Actions test
 * reporters, GitLab, Jenkins) read test results in: each checked scenario a
 * test suite, each of its thresholds a test case.
 *
 * - A failed threshold is a `<failure>` whose message states the observed
 *   mean and interval against the target; its text gives the details.
 * - An inconclusive threshold is a `<failure>` with a message starting
 *   `inconclusive:` when the run counts inconclusive as failing, and a
 *   passed test case with a `<system-out>` saying it was inconclusive when
 *   the run counts it as passing.
 * - Skipped files (in a checked folder but not scenarios with thresholds)
 *   are kept, as a last suite `skipped files` with one `<skipped>` test
 *   case per file giving the reason, so a scenario that silently lost its
 *   thresholds shows in CI rather than vanishing. The suite is left out
 *   when nothing was skipped.
 *
 * The output has no timestamps or durations, so the same document always
 * gives the same bytes.
 */
import type { CheckDocument, ScenarioCheck, SkippedFile, ThresholdResult } from '../check/types.js';
import { countsAsFailure, replicationsText, thresholdStatement, thresholdValues, thresholdWindow } from './threshold-values.js';

/** Name of the suite that lists skipped files. */
export const SKIPPED_SUITE = 'skipped files';

/**
 * Characters XML 1.0 cannot hold at all, not even as character references:
 * C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF
 * and unpaired surrogates. They are written as U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are what XML cannot hold
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text escaped for an attribute value (tabs and line breaks kept as references, which attribute normalisation would otherwise turn into spaces). */
export function xmlAttribute(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]);
}

/** Text escaped for element content (line breaks kept as written, carriage returns as references). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]);
}

/** An element's start tag with its attributes, in the order given. */
function tag(name: string, attributes: [string, string | number][], close = ''): string {
  return `<${name}${attributes.map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`).join('')}${close}>`;
}

/** The failure text: everything known about the threshold, a line each. */
function details(r: ThresholdResult, s: ScenarioCheck): string {
  const v = thresholdValues(r);
  const window = thresholdWindow(r, s);
  const lines = [
    `threshold: ${r.expression}`,
    ...(window === null ? [] : [`window: ${window}`]),
    `verdict: ${r.verdict}`,
    `observed mean: ${v.mean}`,
    `interval: ${v.interval ?? 'none (fewer than two defined values)'} (decided on, at ${v.confidence} confidence over all looks)`,
  ];
  if (v.interval95 !== null) lines.push(`plain 95% interval: ${v.interval95} over all ${replicationsText(s.replications)} run`);
  lines.push(`target: ${v.target}`, `margin: ${v.margin}`, `replications: ${r.replications} of ${s.replications} run`, `file: ${s.file}`);
  return lines.join('\n');
}

/** One threshold as a test case. */
function testcase(r: ThresholdResult, s: ScenarioCheck, inconclusive: 'fail' | 'pass'): string[] {
  const open = tag('testcase', [['classname', s.scenario], ['name', r.expression]]);
  const statement = `${r.expression}: ${thresholdStatement(r)}`;
  if (countsAsFailure(r, inconclusive)) {
    const message = r.verdict === 'inconclusive' ? `inconclusive: ${statement}` : statement;
    return [
      `    ${open}`,
      `      ${tag('failure', [['message', message], ['type', r.verdict]])}${xmlText(details(r, s))}</failure>`,
      '    </testcase>',
    ];
  }
  if (r.verdict === 'inconclusive') {
    const note = `inconclusive, counted as a pass by the run's setting: ${statement}`;
    return [`    ${open}`, `      <system-out>${xmlText(note)}</system-out>`, '    </testcase>'];
  }
  return [`    ${tag('testcase', [['classname', s.scenario], ['name', r.expression]], '/')}`];
}

/** 1 when the scenario regressed against its baseline, else 0. */
function baselineFailures(s: ScenarioCheck): number {
  return s.baseline && s.baseline.regressions.length > 0 ? 1 : 0;
}

/** The check against a recorded run as one test case, failed when any metric regressed. */
function baselineTestcase(s: ScenarioCheck): string[] {
  const b = s.baseline!;
  const name = `baseline ${b.file} (tolerance ${b.tolerance})`;
  if (b.regressions.length === 0) return [`    ${tag('testcase', [['classname', s.scenario], ['name', name]], '/')}`];
  const lines = b.regressions.map((r) => `${r.key}: ${r.baseline.mean ?? '-'} -> ${r.current.mean ?? '-'}, difference ${r.difference.mean ?? '-'} [${r.difference.ci?.join(', ') ?? '-'}], allowed ${r.allowed}`);
  const message = `${b.regressions.length} metric(s) worse than the baseline beyond ${b.tolerance}: ${b.regressions.map((r) => r.key).join(', ')}`;
  return [
    `    ${tag('testcase', [['classname', s.scenario], ['name', name]])}`,
    `      ${tag('failure', [['message', message], ['type', 'regression']])}${xmlText(lines.join('\n'))}</failure>`,
    '    </testcase>',
  ];
}

/** One scenario as a test suite, with its file, hash, seed and replications as properties. */
function testsuite(s: ScenarioCheck, inconclusive: 'fail' | 'pass'): string[] {
  const failures = s.thresholds.filter((r) => countsAsFailure(r, inconclusive)).length + baselineFailures(s);
  const properties: [string, string | number][] = [
    ['file', s.file],
    ['scenarioHash', s.scenarioHash],
    ['seed', s.seed],
    ['replications', s.replications],
    ['verdict', s.verdict],
  ];
  return [
    `  ${tag('testsuite', [['name', s.scenario], ['tests', s.thresholds.length + (s.baseline ? 1 : 0)], ['failures', failures], ['errors', 0], ['skipped', 0]])}`,
    '    <properties>',
    ...properties.map(([name, value]) => `      ${tag('property', [['name', name], ['value', value]], '/')}`),
    '    </properties>',
    ...s.thresholds.flatMap((r) => testcase(r, s, inconclusive)),
    ...(s.baseline ? baselineTestcase(s) : []),
    '  </testsuite>',
  ];
}

/** The skipped files as a suite of skipped test cases. */
function skippedSuite(skipped: SkippedFile[]): string[] {
  return [
    `  ${tag('testsuite', [['name', SKIPPED_SUITE], ['tests', skipped.length], ['failures', 0], ['errors', 0], ['skipped', skipped.length]])}`,
    ...skipped.flatMap((f) => [
      `    ${tag('testcase', [['classname', SKIPPED_SUITE], ['name', f.file]])}`,
      `      ${tag('skipped', [['message', f.reason]], '/')}`,
      '    </testcase>',
    ]),
    '  </testsuite>',
  ];
}

/**
 * The check document as JUnit XML: a `<testsuites name="careload check">`
 * holding a suite per scenario and a test case per threshold, then the
 * skipped files (see the module comment for how each verdict is written).
 * Deterministic: the same document gives the same bytes.
 */
export function checkJunit(doc: CheckDocument): string {
  const thresholds = doc.scenarios.flatMap((s) => s.thresholds);
  const baselines = doc.scenarios.filter((s) => s.baseline).length;
  const failures = thresholds.filter((r) => countsAsFailure(r, doc.inconclusive)).length + doc.scenarios.reduce((n, s) => n + baselineFailures(s), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    tag('testsuites', [['name', 'careload check'], ['tests', thresholds.length + baselines + doc.skipped.length], ['failures', failures], ['errors', 0], ['skipped', doc.skipped.length]]),
    ...doc.scenarios.flatMap((s) => testsuite(s, doc.inconclusive)),
    ...(doc.skipped.length > 0 ? skippedSuite(doc.skipped) : []),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}
