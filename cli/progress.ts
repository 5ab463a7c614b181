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
