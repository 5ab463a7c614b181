import { DEFAULTS } from '../schema.js';
import { NAME_PATTERN } from '../fields.js';
import { formatDuration } from '../../format/time.js';
import { MAX_NAMED_WINDOWS } from '../types.js';
import { describeValue } from '../units.js';
import type { Path, Rule } from './checker.js';
import { isMapping, surgeSpan, windowBounds } from './derived.js';
import type { FileSubject } from './subjects.js';
import { MAX_REPORT_ROWS } from '../report-interval.js';

/** Most report intervals a run may have (each one is a row of the time series); a default interval is coarsened to fit instead. */
const MAX_INTERVALS = MAX_REPORT_ROWS;

const WINDOWS = ['report', 'windows'];

/** The run's warmup and report settings, with defaults. */
function settings({ file }: FileSubject) {
  return { horizon: file.horizon, warmup: file.warmup ?? DEFAULTS.warmup, surges: file.surges ?? [] };
}

/** A window as written, with its key path: `report.window` or one of `report.windows`. */
interface WindowEntry {
  path: Path;
  value: unknown;
}

/** Every window the file writes: `report.window` (when given), then each named window in file order. */
function windowEntries({ file }: FileSubject): WindowEntry[] {
  const named = Object.entries(file.report?.windows ?? {}).map(([name, value]): WindowEntry => ({ path: [...WINDOWS, name], value }));
  return file.report?.window === undefined ? named : [{ path: ['report', 'window'], value: file.report.window }, ...named];
}

/** The bounds of a `{ from, to }` window when both parse, else null. */
function parsedBounds(subject: FileSubject, window: unknown): { from: number; to: number } | null {
  const { warmup, horizon } = settings(subject);
  if (!isMapping(window)) return null;
  const { from, to } = windowBounds(window, warmup, horizon);
  return from.ok && to.ok ? { from: from.value, to: to.value } : null;
}

/** Rules about the run's length, intervals and measurement window. */
export const TIMING_RULES: readonly Rule<FileSubject>[] = [
  {
    name: 'warmup-before-horizon',
    purpose: 'the warmup ends before the horizon, so something is measured',
    check: (subject, report) => {
      const { warmup, horizon } = settings(subject);
      if (warmup >= horizon) report(['warmup'], `expected less than the horizon (${formatDuration(horizon)}), got ${formatDuration(warmup)}`);
    },
  },
  {
    name: 'interval-count-bounded',
    purpose: `a report interval the file sets splits the horizon into at most ${MAX_INTERVALS} intervals (rows of the time series; a default one is coarsened instead)`,
    check: ({ file }, report) => {
      const interval = file.report?.interval;
      if (interval === undefined || Math.ceil(file.horizon / interval) <= MAX_INTERVALS) return;
      const rows = Math.ceil(file.horizon / interval);
      const fits = formatDuration(Math.ceil(file.horizon / MAX_INTERVALS));
      // An interval no finer than the default is not the culprit: the horizon is (say `--set horizon=...`).
      if (interval >= DEFAULTS.interval) {
        report(['horizon'], `too long for report.interval ${formatDuration(interval)}: ${rows} intervals (at most ${MAX_INTERVALS}, each a row of the time series); shorten it or set report.interval to at least ${fits}`);
      } else {
        report(['report', 'interval'], `too fine for the horizon: ${rows} intervals (at most ${MAX_INTERVALS}, each a row of the time series); use at least ${fits}`);
      }
    },
  },
  {
    name: 'window-surge-has-surges',
    purpose: 'a `surge` window (report.window or a named one) has surges to span',
    check: (subject, report) => {
      const { surges } = settings(subject);
      for (const w of windowEntries(subject)) if (w.value === 'surge' && surges.length === 0) report(w.path, 'is `surge`, but the scenario has no surges');
    },
  },
  {
    name: 'window-surge-before-horizon',
    purpose: 'a `surge` window starts before the horizon',
    check: (subject, report) => {
      const { surges, horizon } = settings(subject);
      if (surges.length === 0) return;
      const { from, to } = surgeSpan(surges, horizon);
      if (from < to) return;
      for (const w of windowEntries(subject)) {
        if (w.value === 'surge') {
          report(w.path, `is \`surge\`, but the surges start at ${formatDuration(from)}, at or after the horizon (${formatDuration(horizon)}): nothing would be measured`);
        }
      }
    },
  },
  {
    name: 'window-keys-known',
    purpose: 'a `{ from, to }` window has no other keys',
    check: (subject, report) => {
      for (const w of windowEntries(subject)) {
        if (!isMapping(w.value)) continue;
        for (const k of Object.keys(w.value)) if (k !== 'from' && k !== 'to') report([...w.path, k], 'unknown key; accepted keys here: from, to', true);
      }
    },
  },
  {
    name: 'window-bounds-are-durations',
    purpose: "a `{ from, to }` window's bounds are durations",
    check: (subject, report) => {
      const { warmup, horizon } = settings(subject);
      for (const w of windowEntries(subject)) {
        if (!isMapping(w.value)) continue;
        const { from, to } = windowBounds(w.value, warmup, horizon);
        if (!from.ok) report([...w.path, 'from'], from.error);
        if (!to.ok) report([...w.path, 'to'], to.error);
      }
    },
  },
  {
    name: 'window-from-before-to',
    purpose: 'a `{ from, to }` window starts before it ends',
    check: (subject, report) => {
      for (const w of windowEntries(subject)) {
        const b = parsedBounds(subject, w.value);
        if (b && !(b.from < b.to)) report(w.path, `expected from before to, got ${formatDuration(b.from)} to ${formatDuration(b.to)}`);
      }
    },
  },
  {
    name: 'window-ends-by-horizon',
    purpose: 'a `{ from, to }` window ends by the horizon',
    check: (subject, report) => {
      const { horizon } = settings(subject);
      for (const w of windowEntries(subject)) {
        const b = parsedBounds(subject, w.value);
        if (b && b.from < b.to && b.to > horizon) report([...w.path, 'to'], `expected at most the horizon (${formatDuration(horizon)}), got ${formatDuration(b.to)}`);
      }
    },
  },
  {
    name: 'window-form',
    purpose: 'a window (report.window or a named one) is `surge` or `{ from, to }`',
    check: (subject, report) => {
      for (const w of windowEntries(subject)) {
        if (w.value !== 'surge' && !isMapping(w.value)) report(w.path, `expected surge or { from: 1d, to: 3d }, got ${describeValue(w.value)}`);
      }
    },
  },
  {
    name: 'window-names-valid',
    purpose: 'named windows (report.windows) are letters, digits, _ and -, starting with a letter, so they work as keys and in window: tags',
    check: ({ file }, report) => {
      for (const n of Object.keys(file.report?.windows ?? {})) {
        if (!NAME_PATTERN.test(n)) report([...WINDOWS, n], `expected a window name of letters, digits, _ and -, starting with a letter, got ${describeValue(n)}`, true);
      }
    },
  },
  {
    name: 'windows-count-bounded',
    purpose: `at most ${MAX_NAMED_WINDOWS} named windows (each keeps a full set of accumulators)`,
    check: ({ file }, report) => {
      const n = Object.keys(file.report?.windows ?? {}).length;
      if (n > MAX_NAMED_WINDOWS) report(WINDOWS, `expected at most ${MAX_NAMED_WINDOWS} named windows (each keeps a full set of accumulators), got ${n}`);
    },
  },
];
