import { Box, Text } from 'ink';
import { formatElapsed, table, THRESHOLD_COLUMNS, thresholdRow, VERDICT_MARKS, type ThresholdVerdict } from '../../src/index.js';
import { scenarioVerdict, type CheckLiveState, type CheckRunning, type CheckScenarioRow } from './check-state.js';

const VERDICT_COLOR: Record<ThresholdVerdict, string> = { pass: 'green', fail: 'red', inconclusive: 'yellow' };

/** One line of the screen: its text, the width of a leading cell to colour, and that colour. */
interface Line {
  text: string;
  lead?: { width: number; color: string };
  dim?: boolean;
  bold?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 passed, 1 inconclusive (counts as fail)`: the nonzero counts of a done scenario. */
function countsText(row: CheckScenarioRow, inconclusive: 'fail' | 'pass'): string {
  const t = row.check?.thresholds ?? [];
  const n = (v: ThresholdVerdict) => t.filter((r) => r.verdict === v).length;
  const parts = [n('pass') > 0 ? `${n('pass')} passed` : '', n('fail') > 0 ? `${n('fail')} failed` : '', n('inconclusive') > 0 ? `${n('inconclusive')} inconclusive (counts as ${inconclusive})` : ''];
  const regressions = row.check?.baseline?.regressions.length ?? 0;
  if (regressions > 0) parts.push(`${regressions} worse than the baseline`);
  return parts.filter(Boolean).join(', ') || 'no thresholds';
}

/** The scenario list: one row per scenario with a mark and a word, then the skipped files (collapsed to one line when they do not fit). */
function listLines(state: CheckLiveState, budget: number): Line[] {
  const cells: [string, string, string][] = [];
  const colors: (string | undefined)[] = [];
  for (const row of state.scenarios) {
    if (row.status === 'done' && row.check) {
      const v = scenarioVerdict(row.check);
      cells.push([VERDICT_MARKS[v], row.name, `${countsText(row, state.inconclusive)} · ${plural(row.check.replications, 'replication')} · ${formatElapsed(row.seconds ?? 0)} elapsed`]);
      colors.push(VERDICT_COLOR[v]);
    } else if (row.status === 'running' && state.running) {
      const r = state.running;
      const look = r.batch ? `look ${r.batch.look} of at most ${r.batch.looks} · ` : '';
      // The time is in the running scenario's details below.
      cells.push(['▶ running', row.name, `${look}${r.done} of at most ${r.max} replications`]);
      colors.push('cyan');
    } else {
      cells.push(['· waiting', row.name, plural(row.thresholds.length, 'threshold')]);
      colors.push(undefined);
    }
  }
  const skipped = state.skipped.length <= 1 || cells.length + state.skipped.length <= budget
    ? state.skipped.map((f) => `${f.file}: ${f.reason}`)
    : [`${plural(state.skipped.length, 'file')}, listed in the report at the end`];
  const markWidth = Math.max('- skipped'.length, ...cells.map((c) => c[0].length));
  const nameWidth = Math.max(...cells.map((c) => c[1].length));
  const lines: Line[] = [
    ...cells.map((c, i) => ({
      text: `${c[0].padEnd(markWidth)}  ${c[1].padEnd(nameWidth)}  ${c[2]}`,
      lead: colors[i] ? { width: markWidth, color: colors[i] } : undefined,
      dim: colors[i] === undefined,
    })),
    ...skipped.map((text) => ({ text: `${'- skipped'.padEnd(markWidth)}  ${text}`, dim: true })),
  ];
  if (lines.length <= budget) return lines;
  // Scroll: keep the running scenario (or the first still waiting) in the middle of what fits.
  const focus = state.running?.index ?? Math.max(0, state.scenarios.findIndex((s) => s.status !== 'done'));
  const fits = Math.max(1, budget - 2);
  const start = Math.min(Math.max(0, focus - Math.floor(fits / 2)), lines.length - fits);
  const below = lines.length - start - fits;
  return [
    ...(start > 0 ? [{ text: `… ${start} more above`, dim: true }] : []),
    ...lines.slice(start, start + fits),
    ...(below > 0 ? [{ text: `… ${below} more below`, dim: true }] : []),
  ];
}

/** The running scenario: its batch and look, then every threshold's mean, interval and verdict so far. */
function runningLines(row: CheckScenarioRow, r: CheckRunning): Line[] {
  const batch = r.batch;
  const lookText = batch ? `look ${batch.look} of at most ${batch.looks}: replications ${batch.from + 1} to ${batch.to}` : 'starting';
  const lines: Line[] = [
    { text: `${row.name} (${row.file})`, bold: true },
    { text: `${lookText} · ${r.done} of at most ${r.max} replications done · ${formatElapsed(r.elapsed)} elapsed` },
  ];
  const header = ['verdict so far', ...THRESHOLD_COLUMNS.slice(1)];
  const rows = r.look
    ? r.look.thresholds.map((t) => [VERDICT_MARKS[t.verdict], ...thresholdRow(t)])
    : row.thresholds.map((expression) => ['… first look', expression, '-', '-', '0']);
  const verdicts = r.look ? r.look.thresholds.map((t) => VERDICT_COLOR[t.verdict]) : [];
  const text = table(header, rows).split('\n');
  const width = text[1].indexOf(' ');
  lines.push(
    ...text.map((t, k): Line => ({
      text: `  ${t}`,
      // The verdict cell of each data row (after the header and its rule) carries the colour.
      lead: k >= 2 && verdicts[k - 2] ? { width: width + 2, color: verdicts[k - 2] } : undefined,
      bold: k === 0,
    })),
  );
  return lines;
}

function LineText({ line, color }: { line: Line; color: boolean }) {
  const lead = color && line.lead ? line.lead : undefined;
  return (
    <Text wrap="truncate-end" dimColor={color && line.dim} bold={color && line.bold}>
      {lead ? <Text color={lead.color}>{line.text.slice(0, lead.width)}</Text> : null}
      {lead ? line.text.slice(lead.width) : line.text}
    </Text>
  );
}

/**
 * The live screen of `careload check`: every scenario (done with its
 * verdict, running, waiting, skipped), and for the running one its look,
 * replications and elapsed time, with each threshold's observed mean and
 * interval, margin and verdict so far. Each verdict is a mark and a word,
 * so the screen reads right without colour; it fits `width` x `height`.
 */
export function CheckLiveView({ state, width, height, color }: { state: CheckLiveState; width: number; height: number; color: boolean }) {
  const running = state.running;
  const detail = running ? runningLines(state.scenarios[running.index], running) : [];
  const stop: Line[] = state.stopping ? [{ text: 'stopping: writing the scenarios checked so far, marked stopped', bold: true }] : [];
  const done = state.scenarios.filter((s) => s.status === 'done').length;
  const title: Line = { text: `careload check: ${done} of ${plural(state.scenarios.length, 'scenario')} checked · q: stop`, bold: true };
  const budget = Math.max(1, height - 1 - (detail.length > 0 ? detail.length + 1 : 0) - stop.length);
  const lines: Line[] = [title, ...listLines(state, budget), ...(detail.length > 0 ? [{ text: ' ' }, ...detail] : []), ...stop];
  return (
    <Box flexDirection="column" width={width}>
      {lines.slice(0, Math.max(1, height)).map((line, i) => (
        <LineText key={i} line={line} color={color} />
      ))}
    </Box>
  );
}
