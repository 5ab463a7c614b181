import { DEFAULTS } from '../schema.js';
import { formatDuration } from '../../format/time.js';
import { describeValue } from '../units.js';
import type { Rule } from './checker.js';
import { isMapping, surgeSpan, windowBounds } from './derived.js';
import type { FileSubject } from './subjects.js';

/** Most report intervals a run may have (each one is a row of the time series). */
const MAX_INTERVALS = 1_000_000;

const WINDOW = ['report', 'window'];

/** The run's warmup and report settings, with defaults. */
function settings({ file }: FileSubject) {
  return { horizon: file.horizon, warmup: file.warmup ?? DEFAULTS.warmup, window: file.report?.window, surges: file.surges ?? [] };
}

/** The bounds of a `{ from, to }` window when both parse, else null. */
function parsedBounds(subject: FileSubject): { from: number; to: number } | null {
  const { window, warmup, horizon } = settings(subject);
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
    purpose: `the report interval splits the horizon into at most ${MAX_INTERVALS} intervals`,
    check: ({ file }, report) => {
      const interval = file.report?.interval ?? DEFAULTS.interval;
      if (file.horizon / interval > MAX_INTERVALS) {
        report(['report', 'interval'], `too fine for the horizon: ${Math.ceil(file.horizon / interval)} intervals (at most ${MAX_INTERVALS})`);
      }
    },
  },
  {
    name: 'window-surge-has-surges',
    purpose: 'a `surge` window has surges to span',
    check: (subject, report) => {
      const { window, surges } = settings(subject);
      if (window === 'surge' && surges.length === 0) report(WINDOW, 'is `surge`, but the scenario has no surges');
    },
  },
  {
    name: 'window-surge-before-horizon',
    purpose: 'a `surge` window starts before the horizon',
    check: (subject, report) => {
      const { window, surges, horizon } = settings(subject);
      if (window !== 'surge' || surges.length === 0) return;
      const { from, to } = surgeSpan(surges, horizon);
      if (!(from < to)) {
        report(WINDOW, `is \`surge\`, but the surges start at ${formatDuration(from)}, at or after the horizon (${formatDuration(horizon)}): nothing would be measured`);
      }
    },
  },
  {
    name: 'window-keys-known',
    purpose: 'a `{ from, to }` window has no other keys',
    check: (subject, report) => {
      const { window } = settings(subject);
      if (!isMapping(window)) return;
      for (const k of Object.keys(window)) if (k !== 'from' && k !== 'to') report([...WINDOW, k], 'unknown key; accepted keys here: from, to', true);
    },
  },
  {
    name: 'window-bounds-are-durations',
    purpose: "a `{ from, to }` window's bounds are durations",
    check: (subject, report) => {
      const { window, warmup, horizon } = settings(subject);
      if (!isMapping(window)) return;
      const { from, to } = windowBounds(window, warmup, horizon);
      if (!from.ok) report([...WINDOW, 'from'], from.error);
      if (!to.ok) report([...WINDOW, 'to'], to.error);
    },
  },
  {
    name: 'window-from-before-to',
    purpose: 'a `{ from, to }` window starts before it ends',
    check: (subject, report) => {
      const b = parsedBounds(subject);
      if (b && !(b.from < b.to)) report(WINDOW, `expected from before to, got ${formatDuration(b.from)} to ${formatDuration(b.to)}`);
    },
  },
  {
    name: 'window-ends-by-horizon',
    purpose: 'a `{ from, to }` window ends by the horizon',
    check: (subject, report) => {
      const b = parsedBounds(subject);
      const { horizon } = settings(subject);
      if (b && b.from < b.to && b.to > horizon) report([...WINDOW, 'to'], `expected at most the horizon (${formatDuration(horizon)}), got ${formatDuration(b.to)}`);
    },
  },
  {
    name: 'window-form',
    purpose: 'a window is `surge` or `{ from, to }`',
    check: (subject, report) => {
      const { window } = settings(subject);
      if (window !== undefined && window !== 'surge' && !isMapping(window)) report(WINDOW, `expected surge or { from: 1d, to: 3d }, got ${describeValue(window)}`);
    },
  },
];
