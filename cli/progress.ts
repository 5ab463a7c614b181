import { formatDuration } from '../src/format/time.js';

/**
 * Progress lines on stderr, at most one every `everyMs` (plus the last), so
 * long runs show they are alive without flooding logs. With an unknown
 * total (Infinity), only the count and the elapsed time are shown.
 */
export function progressReporter(enabled: boolean, unit = 'replications', everyMs = 2000, now: () => number = Date.now) {
  const started = now();
  let last = -Infinity;
  return (done: number, total: number, detail = ''): void => {
    if (!enabled) return;
    const t = now();
    if (done < total && t - last < everyMs) return;
    last = t;
    const elapsed = (t - started) / 1000;
    const count = Number.isFinite(total) ? `${done}/${total}` : `${done}`;
    const eta = done > 0 && done < total && Number.isFinite(total) ? `, about ${Math.ceil((elapsed / done) * (total - done))}s left` : '';
    process.stderr.write(`careload: ${count} ${unit} done (${elapsed.toFixed(1)}s${eta})${detail}\n`);
  };
}

/**
 * The progress callbacks of a replicated run on stderr: replications done,
 * and within a replication the simulated time reached (so a long single
 * replication is never silent), all through one rate-limited reporter.
 * `detail` follows the count (e.g. ` for variant 2/3 (fifo)`).
 */
export function replicationProgress(
  enabled: boolean,
  scenario: { replications: number; horizon: number; drain: number },
  detail = '',
): { onProgress: (done: number, total: number) => void; onTick?: (replication: number, simulatedTime: number) => void } {
  const progress = progressReporter(enabled);
  const of = formatDuration(scenario.horizon + scenario.drain);
  let finished = 0;
  return {
    onProgress: (done, total) => progress((finished = done), total, detail),
    onTick: enabled
      ? (replication, simulated) =>
          progress(finished, scenario.replications, `${detail}, replication ${replication + 1} at ${formatDuration(Math.round(simulated))} of at most ${of} simulated`)
      : undefined,
  };
}
