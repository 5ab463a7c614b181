/**
 * Progress lines on stderr, at most one every `everyMs` (plus the last), so
 * long runs show they are alive without flooding logs.
 */
export function progressReporter(enabled: boolean, everyMs = 2000, now: () => number = Date.now) {
  const started = now();
  let last = -Infinity;
  return (done: number, total: number, detail = ''): void => {
    if (!enabled) return;
    const t = now();
    if (done < total && t - last < everyMs) return;
    last = t;
    const elapsed = (t - started) / 1000;
    const eta = done > 0 && done < total ? `, about ${Math.ceil((elapsed / done) * (total - done))}s left` : '';
    process.stderr.write(`careload: ${done}/${total} replications done (${elapsed.toFixed(1)}s${eta})${detail}\n`);
  };
}
