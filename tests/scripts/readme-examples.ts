/**
 * The README's marked blocks, and how each is produced from the tool
 * itself. Shared by `npm run docs:examples` (tests/scripts/docs-examples.ts,
 * which rewrites README.md) and tests/docs/readme.test.ts (which checks
 * that README.md still says what the tool prints), so both find, run and
 * normalise the blocks the same way.
 *
 * A marker is an HTML comment on its own line, right before the block it
 * governs (invisible on GitHub):
 *
 * - `<!-- example: careload run scenarios/x.yaml -->`: a command; the block
 *   is a `console` fence holding `$ <command>` then what it prints on stdout.
 *   `<!-- example (exit 104): ... -->` expects that exit code and shows
 *   stderr instead (where the problems go). Any other exit code is an error.
 * - `<!-- file: scenarios/x.yaml -->`: the shipped file, verbatim.
 * - `<!-- generated: NAME -->`: text built from the code (see GENERATORS).
 *
 * And `<!-- figures from the example above -->` before a paragraph that
 * comments on an example's output: every share (`41.4%`) and difference in
 * points (`+46.0pp`) it quotes must appear in that output (see
 * {@link staleFigures}), so the prose cannot keep numbers the tool no longer
 * prints.
 *
 * The block is the fenced code block starting on the next line, or, when
 * the next line is not a fence, the lines up to the next blank line (a
 * markdown table).
 *
 * Examples run in README order in one scratch folder (a workspace) that
 * sees the project's `scenarios/` and `docs/`, so later examples can use
 * what earlier ones wrote (`results/<scenario name>/calibrated.yaml`) and
 * the commands read exactly as a user in the project folder types them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToString } from 'ink';
import { LiveView } from '../../cli/ui/views.js';
import { batchStarted, initialCheckState, looked, replicationDone, scenarioDone, scenarioStarted, ticked, type CheckLiveState } from '../../cli/ui/check-state.js';
import { CheckLiveView } from '../../cli/ui/check-view.js';
import {
  AGENT_SELECTIONS,
  checkScenario,
  findScenarios,
  RunAborted,
  type CheckLook,
  loadScenario,
  METRICS,
  ROUTING_POLICIES,
  runReplications,
  summarize,
  summaryDocument,
  type Estimate,
  type MetricSpec,
  type ReplicationResult,
  type Scenario,
  type SummaryDocument,
} from '../../src/index.js';

/** What a marker asks for. */
export type BlockKind = 'example' | 'file' | 'generated';

/** One marked block of a markdown text. */
export interface MarkedBlock {
  kind: BlockKind;
  /** The command, the file path, or the generator's name. */
  argument: string;
  /** For examples: the exit code the command must end with. */
  exitCode: number;
  /** 0-based line of the marker. */
  markerLine: number;
  /** 0-based lines of the block: [start, end). */
  start: number;
  end: number;
  /** The block's current text (its lines joined with \n). */
  text: string;
}

/** A scratch folder in which the examples run. */
export interface Workspace {
  readonly dir: string;
  dispose(): void;
}

/** What running one example gave. */
export interface ExampleRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const MARKER = /^<!-- (example|file|generated)(?: \(exit (\d+)\))?: (.+?) -->$/;
const FENCE = /^```/;

/** The project root: the nearest folder up from this file holding careload's package.json (works from tests/ and from dist/tests/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'careload') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the careload project root');
    dir = up;
  }
}

/** The built command line the examples run (`npm run build` makes it). */
export function builtCli(root: string): string {
  return join(root, 'dist', 'cli', 'careload.js');
}

/** Finds every marked block, in order. Throws on a marker with no block after it. */
export function findMarkedBlocks(markdown: string): MarkedBlock[] {
  const lines = markdown.split('\n');
  const blocks: MarkedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i].trim());
    if (!m) continue;
    const start = i + 1;
    let end = start;
    if (start < lines.length && FENCE.test(lines[start])) {
      end = start + 1;
      while (end < lines.length && !FENCE.test(lines[end])) end++;
      if (end >= lines.length) throw new Error(`README line ${i + 1}: the code block after the marker is never closed`);
      end++;
    } else {
      while (end < lines.length && lines[end].trim() !== '') end++;
    }
    if (end === start) throw new Error(`README line ${i + 1}: marker "${lines[i].trim()}" has no block right after it`);
    blocks.push({
      kind: m[1] as BlockKind,
      argument: m[3],
      exitCode: m[2] === undefined ? 0 : Number(m[2]),
      markerLine: i,
      start,
      end,
      text: lines.slice(start, end).join('\n'),
    });
    i = end - 1;
  }
  return blocks;
}

const FIGURES_MARKER = '<!-- figures from the example above -->';
const FIGURE = /[+-]?\d+(?:\.\d+)?(?:%|pp)/g;

/** A paragraph that quotes figures of the example before it. */
export interface QuotingParagraph {
  /** 0-based line of its marker. */
  markerLine: number;
  text: string;
  /** The example it quotes: the nearest marked example above. */
  example: MarkedBlock;
}

/** Finds every paragraph marked as quoting the example above it. */
export function findQuotingParagraphs(markdown: string): QuotingParagraph[] {
  const lines = markdown.split('\n');
  const examples = findMarkedBlocks(markdown).filter((b) => b.kind === 'example');
  const found: QuotingParagraph[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== FIGURES_MARKER) return;
    const example = examples.filter((b) => b.end <= i).pop();
    if (!example) throw new Error(`README line ${i + 1}: no example above to quote`);
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== '') end++;
    found.push({ markerLine: i, text: lines.slice(i + 1, end).join('\n'), example });
  });
  return found;
}

/** The figures a paragraph quotes that do not appear in `output` (empty when it is faithful). */
export function staleFigures(paragraph: string, output: string): string[] {
  const printed = new Set(output.match(FIGURE) ?? []);
  return [...new Set(paragraph.match(FIGURE) ?? [])].filter((f) => !printed.has(f));
}

/** Replaces each block's lines with its new text (same order as `blocks`). */
export function replaceBlocks(markdown: string, blocks: readonly MarkedBlock[], texts: readonly string[]): string {
  const lines = markdown.split('\n');
  for (let k = blocks.length - 1; k >= 0; k--) lines.splice(blocks[k].start, blocks[k].end - blocks[k].start, ...texts[k].split('\n'));
  return lines.join('\n');
}

/** A fresh scratch folder that sees the project's scenarios/ and docs/ (symbolic links), and nothing else. */
export function createWorkspace(root: string): Workspace {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'careload-readme-')));
  for (const shared of ['scenarios', 'docs']) symlinkSync(join(root, shared), join(dir, shared), 'dir');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Splits a command line into words: blanks separate, single or double quotes group. No other shell syntax. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  for (const m of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

/**
 * Runs one `careload ...` command with the built CLI in the workspace, as a
 * pipe would see it: no terminal, no colour, 100 columns, and none of the
 * environment that changes what is printed (debug stacks, forced colour).
 */
export function runExample(command: string, workspace: Workspace, root: string): ExampleRun {
  const [program, ...args] = splitCommand(command);
  if (program !== 'careload') throw new Error(`an example must start with "careload": ${command}`);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', COLUMNS: '100' };
  for (const name of ['CARELOAD_DEBUG', 'FORCE_COLOR', 'CI']) delete env[name];
  const r = spawnSync(process.execPath, [builtCli(root), ...args], {
    cwd: workspace.dir,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.error) throw r.error;
  return { exitCode: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Text that may differ between machines made the same everywhere: the
 * workspace's absolute path becomes `.`, lines lose trailing blanks, and
 * the text loses trailing blank lines. Applied before writing the README.
 */
export function normalise(text: string, workspace?: Workspace): string {
  let out = text.replace(/\r\n/g, '\n');
  if (workspace) out = out.split(`${workspace.dir}/`).join('').split(workspace.dir).join('.');
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/**
 * Figures that depend on the machine's speed, replaced by placeholders
 * before the README and a fresh run are compared (both sides, so the README
 * keeps the figures its generating machine printed): events per second,
 * elapsed time and time left.
 */
export function mask(text: string): string {
  return text
    .replace(/\d[\d.,]*[kM]? events\/s/g, '# events/s')
    .replace(/\d+:\d\d elapsed/g, '#:## elapsed')
    .replace(/about \d+:\d\d left/g, 'about #:## left')
    .replace(/took \d+:\d\d/g, 'took #:##');
}

/** The fenced block for an example: the command, then its output (stdout, or stderr when it is expected to fail). */
export function exampleBlock(command: string, run: ExampleRun, expectedExit: number, workspace: Workspace): string {
  if (run.exitCode !== expectedExit) {
    throw new Error(
      `"${command}" exited with ${run.exitCode}, expected ${expectedExit}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  }
  const output = normalise(expectedExit === 0 ? run.stdout : run.stderr, workspace);
  return ['```console', `$ ${command}`, output, '```'].join('\n');
}

/** The fenced block for an embedded file: the shipped file, verbatim. */
export function fileBlock(path: string, root: string): string {
  const language = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' }[extname(path)] ?? '';
  const content = readFileSync(join(root, path), 'utf8').replace(/\n+$/, '');
  return ['```' + language, content, '```'].join('\n');
}

/** A markdown table from a registry of names and their one-line descriptions. */
function registryTable(header: [string, string], registry: Record<string, string>): string {
  const rows = Object.entries(registry).map(([name, meaning]) => `| \`${name}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  return [`| ${header[0]} | ${header[1]} |`, '|---|---|', ...rows].join('\n');
}

/** Size of the terminal the live-view snapshot shows (ink draws one line fewer than the rows). */
const LIVE_COLUMNS = 96;
const LIVE_ROWS = 30;
/** The snapshot: `done` of `total` replications of the Swisscom scenario finished. */
const LIVE_DONE = 4;
const LIVE_TOTAL = 10;

/**
 * The live view's overview as a 96x30 terminal shows it 4 replications
 * into a 10-replication Swisscom run: the charts and numbers of the real
 * first 4 replications (run here, on this thread), with the speed and
 * elapsed time this machine took for them (masked when compared).
 */
async function liveViewSnapshot(root: string): Promise<string> {
  const scenario = loadScenario(join(root, 'scenarios', 'swisscom-outage.yaml'));
  const started = performance.now();
  const results: ReplicationResult[] = await runReplications({ ...scenario, replications: LIVE_DONE }, { workers: 0 });
  const elapsed = (performance.now() - started) / 1000;
  const events = results.reduce((sum, r) => sum + r.events, 0);
  const state = {
    done: LIVE_DONE,
    total: LIVE_TOTAL,
    simulated: Array.from({ length: LIVE_TOTAL }, (_, i) => (i < LIVE_DONE ? scenario.horizon : 0)),
    eventsPerSecond: events / Math.max(elapsed, 1e-3),
    elapsed,
    summary: summaryDocument(scenario, summarize(scenario, results)),
  };
  const view = createElement(LiveView, { scenario, state, view: 'overview', width: LIVE_COLUMNS, height: LIVE_ROWS - 1, color: false });
  return ['```', normalise(renderToString(view, { columns: LIVE_COLUMNS })), '```'].join('\n');
}

/**
 * The live view of `careload check` (every shipped scenario with
 * thresholds, from the project folder) as a 96x30 terminal shows it when
 * the second scenario has taken its first look: the first checked for real
 * (run here, on this thread), the second's first batch too, with the times
 * this machine took (masked when compared).
 */
async function checkLiveViewSnapshot(root: string): Promise<string> {
  const found = findScenarios([join(root, 'scenarios')]);
  const here = (file: string) => relative(root, file);
  const loaded = found.scenarios.map((file) => ({ file: here(file), scenario: loadScenario(file) }));
  const jobs = loaded.filter((j) => j.scenario.thresholds.length > 0);
  let state: CheckLiveState = initialCheckState(
    jobs.map(({ file, scenario }) => ({ name: scenario.name, file, thresholds: scenario.thresholds.map((t) => `${t.metric} ${t.condition}`) })),
    found.skipped.map((f) => ({ ...f, file: here(f.file) })),
    'fail',
  );
  const on = (index: number) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    state = scenarioStarted(state, index, 200);
    return {
      seconds,
      options: {
        workers: 0,
        file: jobs[index].file,
        onBatch: (b: Parameters<typeof batchStarted>[1]) => (state = batchStarted(state, b)),
        onProgress: (done: number, max: number) => (state = ticked(replicationDone(state, done, max), seconds())),
      },
    };
  };
  const first = on(0);
  const { check } = await checkScenario(jobs[0].scenario, first.options);
  state = scenarioDone(state, check, first.seconds());
  const second = on(1);
  // Stop after the second scenario's first look: that screen is the snapshot.
  const stop = new AbortController();
  const onLook = (l: CheckLook) => {
    state = ticked(looked(state, l), second.seconds());
    stop.abort();
  };
  await checkScenario(jobs[1].scenario, { ...second.options, signal: stop.signal, onLook }).catch((e: unknown) => {
    if (!(e instanceof RunAborted)) throw e;
  });
  const view = createElement(CheckLiveView, { state, width: LIVE_COLUMNS, height: LIVE_ROWS - 1, color: false });
  return ['```', normalise(renderToString(view, { columns: LIVE_COLUMNS })), '```'].join('\n');
}

/** Runs a shipped scenario as the scenario says (its seed and replications) and summarises it. */
async function shippedSummary(root: string, file: string): Promise<{ scenario: Scenario; doc: SummaryDocument }> {
  const scenario = loadScenario(join(root, 'scenarios', file));
  const results = await runReplications(scenario);
  return { scenario, doc: summaryDocument(scenario, summarize(scenario, results)) };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
/** `81.5% [79.6, 83.5]`: a share's mean and its 95% interval. */
const shareWithInterval = (e: Estimate) =>
  e.mean === null ? '-' : e.ci95 === null ? percent(e.mean) : `${percent(e.mean)} [${(100 * e.ci95[0]).toFixed(1)}, ${(100 * e.ci95[1]).toFixed(1)}]`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Messenger on the biggest surge's plateau, from the time series (the
 * intervals wholly inside the plateau): its arrivals against the same hours
 * of the first day, and its negative share against the whole first day.
 */
function messengerAtThePeak(scenario: Scenario, doc: SummaryDocument): { volume: number; negativeBefore: number; negativeAtPeak: number } {
  const peak = [...scenario.surges].sort((a, b) => b.volume - a.volume)[0];
  const from = peak.start + peak.rampUp;
  const to = from + peak.duration;
  const step = doc.timeseries.interval;
  const rows = doc.timeseries.rows;
  const plateau = rows.filter((r) => r.t >= from && r.t + step <= to);
  const sameHoursDayOne = plateau.map((p) => rows.find((r) => r.t === p.t % 86400)!);
  const dayOne = rows.filter((r) => r.t + step <= 86400);
  // Weighted by arrivals, so the quiet night hours count for what they hold.
  const share = (some: typeof rows) =>
    some.reduce((sum, r) => sum + (r.negativeShareByChannel.messenger ?? 0) * r.arrivalsByChannel.messenger, 0) /
    some.reduce((sum, r) => sum + r.arrivalsByChannel.messenger, 0);
  const arrivals = (some: typeof rows) => mean(some.map((r) => r.arrivalsByChannel.messenger));
  return { volume: arrivals(plateau) / arrivals(sameHoursDayOne) - 1, negativeBefore: share(dayOne), negativeAtPeak: share(plateau) };
}

/** What the two case studies reported, next to what the shipped scenarios give (docs/case-studies.md). */
async function caseStudiesTable(root: string): Promise<string> {
  const swisscom = await shippedSummary(root, 'swisscom-outage.yaml');
  const orange = await shippedSummary(root, 'orange-multibrand.yaml');
  const s = swisscom.doc.overall;
  const o = orange.doc.overall;
  const messenger = messengerAtThePeak(swisscom.scenario, swisscom.doc);
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)}%`;
  const peakVolume = Math.max(...swisscom.scenario.surges.map((u) => u.volume)) - 1;
  const rows: [string, string, string, string][] = [
    ['Swisscom, during the outages', 'answered within 2 h (`answeredWithin`)', '82%', shareWithInterval(s.answeredWithin)],
    ['', 'negative -> positive (`recoveryNegative`)', '43%', shareWithInterval(s.recoveryNegative)],
    ['', 'neutral -> positive (`recoveryNeutral`)', '42%', shareWithInterval(s.recoveryNeutral)],
    ['', "SLA met on each tier's own target, urgent 1 h (`slaAttainment`)", 'not reported', shareWithInterval(s.slaAttainment)],
    ['', 'Messenger volume at the peak', '+63%', `${signed(peakVolume)} modelled; ${signed(messenger.volume)} counted (peak hours against Monday's)`],
    ['', 'Messenger negative share, before / at the peak', '10% / 21%', `${percent(messenger.negativeBefore)} (Monday) / ${percent(messenger.negativeAtPeak)}`],
    ['Orange Spain, a week', 'answered within 2 h, all channels (`answeredWithin`)', '83%', shareWithInterval(o.answeredWithin)],
    ['', 'CSAT (`csat`)', '67%', shareWithInterval(o.csat)],
  ];
  return ['| operation | KPI | reported | simulated |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The metrics thresholds may name, from the catalogue in src/thresholds/catalog.ts. */
function thresholdMetricsTable(): string {
  const aggregations = (m: MetricSpec) => m.aggregations.map((a) => `\`${a === 'p' ? 'p(N)' : a}\``).join(', ');
  const tags = (m: MetricSpec) => m.tags.map((t) => `\`${t}\``).join(', ');
  const rows = METRICS.map((m) => `| \`${m.name}\` | ${m.unit} | ${aggregations(m)} | ${tags(m)} | ${m.describe} |`);
  return ['| metric | unit | aggregations (first: the bare form) | tags | what it measures |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The generated blocks, by the name their marker gives. */
export const GENERATORS: Record<string, (root: string) => string | Promise<string>> = {
  policies: () => registryTable(['policy', 'which waiting conversation an agent with a free slot takes'], ROUTING_POLICIES),
  'agent-selections': () => registryTable(['rule', 'which free agent takes a new conversation'], AGENT_SELECTIONS),
  'live-view': liveViewSnapshot,
  'check-live-view': checkLiveViewSnapshot,
  'case-studies': caseStudiesTable,
  'threshold-metrics': thresholdMetricsTable,
};

/** Produces a block's text afresh from the tool. Examples run in `workspace`; run them in README order. */
export async function renderBlock(block: MarkedBlock, workspace: Workspace, root: string): Promise<string> {
  switch (block.kind) {
    case 'example':
      return exampleBlock(block.argument, runExample(block.argument, workspace, root), block.exitCode, workspace);
    case 'file':
      return fileBlock(block.argument, root);
    case 'generated': {
      const generate = GENERATORS[block.argument];
      if (!generate) throw new Error(`no generator named "${block.argument}" (known: ${Object.keys(GENERATORS).join(', ')})`);
      return generate(root);
    }
  }
}
