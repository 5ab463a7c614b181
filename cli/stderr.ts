/**
 * Standard error carries only progress, notices and error lines: when it is
 * dead (a closed pipe, `2>&1 | head -1`; a full disk, `2>/dev/full`; a closed
 * descriptor) the run must still finish and write its results.
 */

let guarded = false;

/**
 * Makes a dead stderr harmless: its first write error (EPIPE, ENOSPC, EBADF,
 * ...) is ignored and every later write is dropped, instead of an
 * uncaught 'error' event ending the process before it writes its results.
 * Call once, before anything is written.
 */
export function guardStderr(stream: NodeJS.WriteStream = process.stderr): void {
  if (guarded) return;
  guarded = true;
  stream.on('error', () => {
    // Nothing can be reported on a dead stderr: stop writing to it.
    stream.write = () => true;
  });
}
