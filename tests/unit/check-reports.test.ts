import { describe, it, expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CheckDocument, ScenarioCheck, ThresholdResult } from '../../src/check/types.js';
import { checkJunit, SKIPPED_SUITE } from '../../src/report/junit.js';
import { checkMarkdown, markdownCode, markdownText } from '../../src/report/markdown.js';
import {
  countsAsFailure,
  formatInterval,
  formatTarget,
  formatThresholdValue,
  thresholdStatement,
  thresholdValues,
} from '../../src/report/threshold-values.js';

/** A threshold result with the given fields over plausible defaults (a passing SLA share). */
function threshold(over: Partial<ThresholdResult> & Pick<ThresholdResult, 'metric' | 'condition'>): ThresholdResult {
  return {
    expression: `${over.metric} ${over.condition}`,
    scope: {},
    aggregation: 'rate',
    unit: 'share',
    operator: '>=',
    target: 0.9,
    confidence: 0.95,
    observed: { mean: 0.921, ci: [0.91, 0.932], ci95: [0.912, 0.93] },
    margin: 0.021,
    verdict: 'pass',
    replications: 40,
    ...over,
  };
}

const urgentPass = threshold({ metric: 'slaAttainment{tier:urgent}', condition: '>= 90%', scope: { tier: 'urgent' } });
const standardFail = threshold({
  metric: 'slaAttainment{tier:standard}',
  condition: '>= 90%',
  scope: { tier: 'standard' },
  observed: { mean: 0.875, ci: [0.851, 0.899], ci95: [0.853, 0.897] },
  margin: -0.025,
  verdict: 'fail',
});
const messengerP90 = threshold({
  metric: 'firstResponse{channel:messenger}',
  condition: 'p(90) < 2h',
  scope: { channel: 'messenger' },
  aggregation: 'p(90)',
  unit: 'seconds',
  operator: '<',
  target: 7200,
  observed: { mean: 5472, ci: [5040, 5904], ci95: [5100, 5850] },
  margin: 1728,
});
const abandonUnsure = threshold({
  metric: 'abandonRate',
  condition: 'rate < 0.03',
  operator: '<',
  target: 0.03,
  observed: { mean: 0.029, ci: [0.027, 0.031], ci95: [0.0275, 0.0305] },
  margin: 0.001,
  verdict: 'inconclusive',
  replications: 200,
});

/** A name that needs escaping everywhere: XML specials, Markdown specials, a pipe. */
const AWKWARD = `Night & weekend <"quoted"> 'x' | *y*`;

const followUps = threshold({
  metric: 'followUps',
  condition: 'count < 100',
  aggregation: 'count',
  unit: 'count',
  operator: '<',
  target: 100,
  observed: { mean: 83.4, ci: [80.1, 86.7], ci95: [80.3, 86.5] },
  margin: 16.6,
});
const backlog = threshold({
  metric: 'backlogMean',
  condition: 'avg <= 3',
  aggregation: 'avg',
  unit: 'level',
  operator: '<=',
  target: 3,
  observed: { mean: 3.47, ci: [3.2, 3.74], ci95: [3.22, 3.72] },
  margin: -0.47,
  verdict: 'fail',
});

function scenario(name: string, file: string, thresholds: ThresholdResult[], inconclusive: 'fail' | 'pass'): ScenarioCheck {
  return {
    scenario: name,
    file,
    scenarioHash: 'sha256:abc123',
    seed: 42,
    replications: 200,
    thresholds,
    verdict: thresholds.some((r) => countsAsFailure(r, inconclusive)) ? 'fail' : 'pass',
  };
}

/** Two scenarios (one failing outright, one with an inconclusive threshold), and two skipped files. */
function documentWith(inconclusive: 'fail' | 'pass', scenarios?: ScenarioCheck[]): CheckDocument {
  const s = scenarios ?? [
    scenario('Weekday peak', 'scenarios/weekday.yaml', [urgentPass, standardFail, messengerP90, abandonUnsure], inconclusive),
    scenario(AWKWARD, 'scenarios/night&weekend.yaml', [followUps, backlog], inconclusive),
  ];
  return {
    schemaVersion: 1,
    confidence: 0.95,
    maxReplications: 200,
    inconclusive,
    scenarios: s,
    skipped: [
      { file: 'scenarios/notes.yaml', reason: 'no thresholds' },
      { file: 'scenarios/x&y.yaml', reason: `not a scenario: <missing "arrivals">` },
    ],
    verdict: s.some((x) => x.verdict === 'fail') ? 'fail' : 'pass',
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  htmlEntities: true,
  trimValues: false,
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

interface ParsedCase {
  classname: string;
  name: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
  'system-out'?: string;
}
interface ParsedSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  properties?: { property: { name: string; value: string }[] };
  testcase?: ParsedCase[];
}
interface Parsed {
  testsuites: { name: string; tests: string; failures: string; skipped: string; testsuite: ParsedSuite[] };
}

/** Parses JUnit XML with a real parser after checking it is well-formed. */
function parseJunit(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  // Characters XML 1.0 cannot hold, raw or as references (the validator lets references through).
  // eslint-disable-next-line no-control-regex -- these are the characters being looked for
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|&#(0*([0-8]|1[1-2]|1[4-9]|2\d|3[01]));|&#x0*([0-8]|[bBcC]|1[0-9a-fA-F]|[eEfF]);/u);
  return parser.parse(xml) as Parsed;
}

function suite(p: Parsed, name: string): ParsedSuite {
  const s = p.testsuites.testsuite.find((x) => x.name === name);
  if (!s) throw new Error(`no suite ${name}`);
  return s;
}

function testcase(s: ParsedSuite, name: string): ParsedCase {
  const c = s.testcase?.find((x) => x.name === name);
  if (!c) throw new Error(`no testcase ${name} in ${s.name}`);
  return c;
}

describe('threshold values', () => {
  it('write values in their unit', () => {
    expect(formatThresholdValue(0.875, 'share')).toBe('87.5%');
    expect(formatThresholdValue(5472, 'seconds')).toBe('1.52h');
    expect(formatThresholdValue(2700, 'seconds')).toBe('45.0m');
    expect(formatThresholdValue(7.4, 'seconds')).toBe('7.4s');
    expect(formatThresholdValue(83.4, 'count')).toBe('83.4');
    expect(formatThresholdValue(12345, 'count')).toBe('12345');
    expect(formatThresholdValue(3.47, 'level')).toBe('3.47');
    expect(formatThresholdValue(null, 'share')).toBe('-');
    expect(formatInterval([0.851, 0.899], 'share')).toBe('[85.1%, 89.9%]');
    expect(formatInterval([9.8, 10.3], 'level')).toBe('[9.8, 10.3]');
    expect(formatInterval(null, 'share')).toBe('-');
  });

  it('write targets compactly, as one writes them', () => {
    expect(formatTarget(0.9, 'share')).toBe('90%');
    expect(formatTarget(0.03, 'share')).toBe('3%');
    expect(formatTarget(0.955, 'share')).toBe('95.5%');
    expect(formatTarget(7200, 'seconds')).toBe('2h');
    expect(formatTarget(5400, 'seconds')).toBe('1h30m');
    expect(formatTarget(100, 'count')).toBe('100');
    expect(formatTarget(0.5, 'level')).toBe('0.5');
  });

  it('give mean, interval, target and a signed margin at one precision', () => {
    expect(thresholdValues(standardFail)).toEqual({
      mean: '87.5%',
      interval: '[85.1%, 89.9%]',
      interval95: '[85.3%, 89.7%]',
      target: '>= 90%',
      margin: '-2.5pp',
      confidence: '95%',
    });
    expect(thresholdValues(messengerP90)).toMatchObject({ mean: '1.52h', interval: '[1.40h, 1.64h]', target: '< 2h', margin: '+28.8m' });
    expect(thresholdValues(backlog)).toMatchObject({ mean: '3.47', interval: '[3.20, 3.74]', target: '<= 3', margin: '-0.47' });
  });

  it('raise the precision rather than show a value equal to a target it misses', () => {
    const close = threshold({
      metric: 'slaAttainment',
      condition: '>= 90%',
      observed: { mean: 0.8991, ci: [0.8982, 0.8996], ci95: null },
      margin: -0.0009,
      verdict: 'fail',
    });
    const v = thresholdValues(close);
    expect(v.interval).toBe('[89.82%, 89.96%]');
    expect(v.mean).toBe('89.91%');
    expect(v.margin).toBe('-0.09pp');
    // A margin that rounds to nothing gets no sign.
    expect(thresholdValues({ ...urgentPass, margin: 0 }).margin).toBe('0.0pp');
  });

  it('state observed against target in one line, also without an interval or a value', () => {
    expect(thresholdStatement(standardFail)).toBe('observed 87.5% [85.1%, 89.9%] at 95% confidence over 40 replications; target >= 90%');
    const one = { ...standardFail, observed: { mean: 0.875, ci: null, ci95: null }, replications: 1 };
    expect(thresholdStatement(one)).toBe('observed 87.5% over 1 replication, too few defined values for an interval; target >= 90%');
    const none = { ...standardFail, observed: { mean: null, ci: null, ci95: null }, margin: null };
    expect(thresholdStatement(none)).toBe('observed no value (the metric was undefined in all 40 replications); target >= 90%');
  });
});

describe('JUnit XML', () => {
  it('has one suite per scenario and one case per threshold, with counts CI reads', () => {
    const xml = checkJunit(documentWith('fail'));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="careload check" ')).toBe(true);
    const p = parseJunit(xml);
    expect(p.testsuites).toMatchObject({ name: 'careload check', tests: '8', failures: '3', skipped: '2' });
    expect(p.testsuites.testsuite.map((s) => s.name)).toEqual(['Weekday peak', AWKWARD, SKIPPED_SUITE]);

    const weekday = suite(p, 'Weekday peak');
    expect(weekday).toMatchObject({ tests: '4', failures: '2', errors: '0', skipped: '0' });
    expect(weekday.testcase?.map((c) => c.name)).toEqual([
      'slaAttainment{tier:urgent} >= 90%',
      'slaAttainment{tier:standard} >= 90%',
      'firstResponse{channel:messenger} p(90) < 2h',
      'abandonRate rate < 0.03',
    ]);
    expect(weekday.testcase?.every((c) => c.classname === 'Weekday peak')).toBe(true);
    expect(weekday.properties?.property).toEqual([
      { name: 'file', value: 'scenarios/weekday.yaml' },
      { name: 'scenarioHash', value: 'sha256:abc123' },
      { name: 'seed', value: '42' },
      { name: 'replications', value: '200' },
      { name: 'verdict', value: 'fail' },
    ]);
    expect(testcase(weekday, 'slaAttainment{tier:urgent} >= 90%').failure).toBeUndefined();
    expect(testcase(weekday, 'firstResponse{channel:messenger} p(90) < 2h').failure).toBeUndefined();

    const night = suite(p, AWKWARD);
    expect(night).toMatchObject({ tests: '2', failures: '1', skipped: '0' });
  });

  it('says observed against target, with its interval, in a failure message', () => {
    const p = parseJunit(checkJunit(documentWith('fail')));
    const failure = testcase(suite(p, 'Weekday peak'), 'slaAttainment{tier:standard} >= 90%').failure;
    expect(failure?.type).toBe('fail');
    expect(failure?.message).toBe(
      'slaAttainment{tier:standard} >= 90%: observed 87.5% [85.1%, 89.9%] at 95% confidence over 40 replications; target >= 90%',
    );
    expect(failure?.['#text']).toContain('observed mean: 87.5%');
    expect(failure?.['#text']).toContain('margin: -2.5pp');
    expect(failure?.['#text']).toContain('plain 95% interval: [85.3%, 89.7%] over all 200 replications run');
    expect(failure?.['#text']).toContain('file: scenarios/weekday.yaml');

    const level = testcase(suite(p, AWKWARD), 'backlogMean avg <= 3').failure;
    expect(level?.message).toBe('backlogMean avg <= 3: observed 3.47 [3.20, 3.74] at 95% confidence over 40 replications; target <= 3');
  });

  it('counts an inconclusive threshold as the run says: a failure, or a pass noted in system-out', () => {
    const failing = parseJunit(checkJunit(documentWith('fail')));
    const asFailure = testcase(suite(failing, 'Weekday peak'), 'abandonRate rate < 0.03');
    expect(asFailure.failure?.type).toBe('inconclusive');
    expect(asFailure.failure?.message).toBe(
      'inconclusive: abandonRate rate < 0.03: observed 2.9% [2.7%, 3.1%] at 95% confidence over 200 replications; target < 3%',
    );
    expect(asFailure['system-out']).toBeUndefined();

    const passing = parseJunit(checkJunit(documentWith('pass')));
    expect(passing.testsuites).toMatchObject({ tests: '8', failures: '2' });
    expect(suite(passing, 'Weekday peak')).toMatchObject({ tests: '4', failures: '1' });
    const asPass = testcase(suite(passing, 'Weekday peak'), 'abandonRate rate < 0.03');
    expect(asPass.failure).toBeUndefined();
    expect(asPass['system-out']).toMatch(/^inconclusive, counted as a pass/);
    expect(asPass['system-out']).toContain('observed 2.9% [2.7%, 3.1%]');
  });

  it('lists skipped files as skipped cases with their reason, and leaves the suite out when there are none', () => {
    const p = parseJunit(checkJunit(documentWith('fail')));
    const skipped = suite(p, SKIPPED_SUITE);
    expect(skipped).toMatchObject({ tests: '2', failures: '0', skipped: '2' });
    expect(skipped.testcase?.map((c) => [c.name, c.skipped?.message])).toEqual([
      ['scenarios/notes.yaml', 'no thresholds'],
      ['scenarios/x&y.yaml', 'not a scenario: <missing "arrivals">'],
    ]);

    const none = parseJunit(checkJunit({ ...documentWith('fail'), skipped: [] }));
    expect(none.testsuites.testsuite.map((s) => s.name)).toEqual(['Weekday peak', AWKWARD]);
    expect(none.testsuites).toMatchObject({ tests: '6', skipped: '0' });
  });

  it('escapes names so they parse back unchanged, and replaces what XML cannot hold', () => {
    const xml = checkJunit(documentWith('fail'));
    expect(xml).not.toContain(AWKWARD);
    expect(xml).toContain('name="Night &amp; weekend &lt;&quot;quoted&quot;&gt; &apos;x&apos; | *y*"');
    const p = parseJunit(xml);
    expect(testcase(suite(p, AWKWARD), 'followUps count < 100').classname).toBe(AWKWARD);

    const odd = `bell\u0007 esc\u001b tab\tline\nbreak\r lone\uD800 nul\u0000`;
    const doc = documentWith('fail', [scenario(odd, 'odd.yaml', [standardFail], 'fail')]);
    const parsed = parseJunit(checkJunit(doc));
    expect(parsed.testsuites.testsuite[0].name).toBe('bell\uFFFD esc\uFFFD tab\tline\nbreak\r lone\uFFFD nul\uFFFD');
  });

  it('has no suites but stays well-formed when nothing was checked', () => {
    const p = parseJunit(checkJunit({ ...documentWith('fail', []), skipped: [] }));
    expect(p.testsuites).toMatchObject({ tests: '0', failures: '0' });
  });

  it('gives the same bytes for the same document', () => {
    const doc = documentWith('fail');
    expect(checkJunit(structuredClone(doc))).toBe(checkJunit(doc));
    expect(checkJunit(doc)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="careload check" tests="8" failures="3" errors="0" skipped="2">
        <testsuite name="Weekday peak" tests="4" failures="2" errors="0" skipped="0">
          <properties>
            <property name="file" value="scenarios/weekday.yaml"/>
            <property name="scenarioHash" value="sha256:abc123"/>
            <property name="seed" value="42"/>
            <property name="replications" value="200"/>
            <property name="verdict" value="fail"/>
          </properties>
          <testcase classname="Weekday peak" name="slaAttainment{tier:urgent} &gt;= 90%"/>
          <testcase classname="Weekday peak" name="slaAttainment{tier:standard} &gt;= 90%">
            <failure message="slaAttainment{tier:standard} &gt;= 90%: observed 87.5% [85.1%, 89.9%] at 95% confidence over 40 replications; target &gt;= 90%" type="fail">threshold: slaAttainment{tier:standard} &gt;= 90%
      verdict: fail
      observed mean: 87.5%
      interval: [85.1%, 89.9%] (decided on, at 95% confidence over all looks)
      plain 95% interval: [85.3%, 89.7%] over all 200 replications run
      target: &gt;= 90%
      margin: -2.5pp
      replications: 40 of 200 run
      file: scenarios/weekday.yaml</failure>
          </testcase>
          <testcase classname="Weekday peak" name="firstResponse{channel:messenger} p(90) &lt; 2h"/>
          <testcase classname="Weekday peak" name="abandonRate rate &lt; 0.03">
            <failure message="inconclusive: abandonRate rate &lt; 0.03: observed 2.9% [2.7%, 3.1%] at 95% confidence over 200 replications; target &lt; 3%" type="inconclusive">threshold: abandonRate rate &lt; 0.03
      verdict: inconclusive
      observed mean: 2.9%
      interval: [2.7%, 3.1%] (decided on, at 95% confidence over all looks)
      plain 95% interval: [2.8%, 3.0%] over all 200 replications run
      target: &lt; 3%
      margin: +0.1pp
      replications: 200 of 200 run
      file: scenarios/weekday.yaml</failure>
          </testcase>
        </testsuite>
        <testsuite name="Night &amp; weekend &lt;&quot;quoted&quot;&gt; &apos;x&apos; | *y*" tests="2" failures="1" errors="0" skipped="0">
          <properties>
            <property name="file" value="scenarios/night&amp;weekend.yaml"/>
            <property name="scenarioHash" value="sha256:abc123"/>
            <property name="seed" value="42"/>
            <property name="replications" value="200"/>
            <property name="verdict" value="fail"/>
          </properties>
          <testcase classname="Night &amp; weekend &lt;&quot;quoted&quot;&gt; &apos;x&apos; | *y*" name="followUps count &lt; 100"/>
          <testcase classname="Night &amp; weekend &lt;&quot;quoted&quot;&gt; &apos;x&apos; | *y*" name="backlogMean avg &lt;= 3">
            <failure message="backlogMean avg &lt;= 3: observed 3.47 [3.20, 3.74] at 95% confidence over 40 replications; target &lt;= 3" type="fail">threshold: backlogMean avg &lt;= 3
      verdict: fail
      observed mean: 3.47
      interval: [3.20, 3.74] (decided on, at 95% confidence over all looks)
      plain 95% interval: [3.22, 3.72] over all 200 replications run
      target: &lt;= 3
      margin: -0.47
      replications: 40 of 200 run
      file: scenarios/night&amp;weekend.yaml</failure>
          </testcase>
        </testsuite>
        <testsuite name="skipped files" tests="2" failures="0" errors="0" skipped="2">
          <testcase classname="skipped files" name="scenarios/notes.yaml">
            <skipped message="no thresholds"/>
          </testcase>
          <testcase classname="skipped files" name="scenarios/x&amp;y.yaml">
            <skipped message="not a scenario: &lt;missing &quot;arrivals&quot;&gt;"/>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
  });
});

/** The cells of a Markdown table row (an escaped pipe, `\|`, has no space before it). */
function cells(line: string): string[] {
  return line.slice(2, -2).split(' | ');
}

describe('Markdown summary', () => {
  it('opens with the overall verdict as mark and word, and the counts', () => {
    const md = checkMarkdown(documentWith('fail'));
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ✗ fail: careload check');
    expect(md).toContain('**2 scenarios, 6 thresholds:** 3 passed, 2 failed, 1 inconclusive (counted as failures).');
    expect(checkMarkdown(documentWith('pass'))).toContain('1 inconclusive (counted as passes)');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('has a table per scenario: verdict, threshold, observed with interval, target, margin, replications', () => {
    const md = checkMarkdown(documentWith('fail'));
    const lines = md.split('\n');
    expect(lines).toContain('### ✗ fail: Weekday peak');
    expect(lines).toContain('`scenarios/weekday.yaml` · seed 42 · 200 replications run');
    expect(lines).toContain('| Verdict | Threshold | Observed [interval] | Target | Margin | Replications |');
    expect(lines).toContain('| ✓ pass | `slaAttainment{tier:urgent} >= 90%` | 92.1% [91.0%, 93.2%] | >= 90% | +2.1pp | 40 |');
    expect(lines).toContain('| ✗ fail | `slaAttainment{tier:standard} >= 90%` | 87.5% [85.1%, 89.9%] | >= 90% | -2.5pp | 40 |');
    expect(lines).toContain('| ✓ pass | `firstResponse{channel:messenger} p(90) < 2h` | 1.52h [1.40h, 1.64h] | < 2h | +28.8m | 40 |');
    expect(lines).toContain('| ? inconclusive | `abandonRate rate < 0.03` | 2.9% [2.7%, 3.1%] | < 3% | +0.1pp | 200 |');
    expect(lines).toContain('| ✓ pass | `followUps count < 100` | 83.4 [80.1, 86.7] | < 100 | +16.6 | 40 |');
    expect(lines).toContain('| ✗ fail | `backlogMean avg <= 3` | 3.47 [3.20, 3.74] | <= 3 | -0.47 | 40 |');
    for (const row of lines.filter((l) => l.startsWith('| '))) expect(cells(row)).toHaveLength(6);
  });

  it('notes a threshold confidence that differs from the run default', () => {
    const own = { ...standardFail, confidence: 0.99 };
    const md = checkMarkdown(documentWith('fail', [scenario('S', 's.yaml', [own], 'fail')]));
    expect(md).toContain('| 87.5% [85.1%, 89.9%] at 99% |');
  });

  it('escapes names, pipes and HTML so they show as written', () => {
    const md = checkMarkdown(documentWith('fail'));
    expect(md).toContain(`### ✗ fail: Night \\& weekend \\<"quoted"\\> 'x' \\| \\*y\\*`);
    expect(md).not.toContain('<"quoted">');
    expect(md).toContain('- `scenarios/x&y.yaml`: not a scenario: \\<missing "arrivals"\\>');
    expect(markdownText('a|b\nc')).toBe('a\\|b c');
    expect(markdownCode('a|b', true)).toBe('`a\\|b`');
    expect(markdownCode('a|b')).toBe('`a|b`');
    expect(markdownCode('x `y` z')).toBe('``x `y` z``');
    expect(markdownCode('`y`')).toBe('`` `y` ``');
  });

  it('lists skipped files and says when nothing was checked', () => {
    const md = checkMarkdown(documentWith('fail'));
    expect(md).toContain('### Skipped files\n\n- `scenarios/notes.yaml`: no thresholds\n');
    const empty = checkMarkdown({ ...documentWith('pass', []), skipped: [] });
    expect(empty).toContain('## ✓ pass: careload check');
    expect(empty).toContain('No scenario with thresholds was checked.');
    expect(empty).not.toContain('Skipped files');
  });

  it('gives the same text for the same document', () => {
    const doc = documentWith('fail');
    expect(checkMarkdown(structuredClone(doc))).toBe(checkMarkdown(doc));
    expect(checkMarkdown(doc)).toMatchInlineSnapshot(`
      "## ✗ fail: careload check

      **2 scenarios, 6 thresholds:** 3 passed, 2 failed, 1 inconclusive (counted as failures).

      Intervals are the ones the verdicts were decided on, at 95% confidence across the sequential looks unless a threshold names its own; at most 200 replications per scenario.

      ### ✗ fail: Weekday peak

      \`scenarios/weekday.yaml\` · seed 42 · 200 replications run

      | Verdict | Threshold | Observed [interval] | Target | Margin | Replications |
      | :-- | :-- | --: | --: | --: | --: |
      | ✓ pass | \`slaAttainment{tier:urgent} >= 90%\` | 92.1% [91.0%, 93.2%] | >= 90% | +2.1pp | 40 |
      | ✗ fail | \`slaAttainment{tier:standard} >= 90%\` | 87.5% [85.1%, 89.9%] | >= 90% | -2.5pp | 40 |
      | ✓ pass | \`firstResponse{channel:messenger} p(90) < 2h\` | 1.52h [1.40h, 1.64h] | < 2h | +28.8m | 40 |
      | ? inconclusive | \`abandonRate rate < 0.03\` | 2.9% [2.7%, 3.1%] | < 3% | +0.1pp | 200 |

      ### ✗ fail: Night \\& weekend \\<"quoted"\\> 'x' \\| \\*y\\*

      \`scenarios/night&weekend.yaml\` · seed 42 · 200 replications run

      | Verdict | Threshold | Observed [interval] | Target | Margin | Replications |
      | :-- | :-- | --: | --: | --: | --: |
      | ✓ pass | \`followUps count < 100\` | 83.4 [80.1, 86.7] | < 100 | +16.6 | 40 |
      | ✗ fail | \`backlogMean avg <= 3\` | 3.47 [3.20, 3.74] | <= 3 | -0.47 | 40 |

      ### Skipped files

      - \`scenarios/notes.yaml\`: no thresholds
      - \`scenarios/x&y.yaml\`: not a scenario: \\<missing "arrivals"\\>
      "
    `);
  });
});
