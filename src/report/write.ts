import { nodeCrypto } from './lazy-crypto.js';
import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** careload's temporary files: `.careload-<32 hex digits>.tmp`, beside the file being written. */
const TEMP_NAME = /^\.careload-[0-9a-f]{32}\.tmp$/;
/** Temporary files of careload before 0.2 (`.<pid>.<ms>.tmp`), left by runs killed mid-write. */
const OLD_TEMP_NAME = /^\.\d+\.\d+\.tmp$/;
/** Leftover temporary files older than this are removed: no write takes a day, so their writer is gone. */
const STALE_AFTER_MS = 24 * 3600 * 1000;

/**
 * Writes a file whole or not at all: the content goes to a temporary file
 * in the same directory, which is then renamed over the target (atomic on
 * POSIX file systems). The temporary name is unguessable and created
 * exclusively without following links (O_EXCL | O_NOFOLLOW), so a link
 * planted in the folder cannot redirect the write to another file.
 * Temporary files of careload runs killed mid-write, older than a day, are
 * removed from the folder on its first write in this process.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const temp = join(dir, `.careload-${nodeCrypto().randomBytes(16).toString('hex')}.tmp`);
  const fd = createExclusive(temp);
  try {
    try {
      writeFileSync(fd, content);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * A file written in pieces, whole or not at all (as {@link writeFileAtomic}):
 * the pieces go to a temporary file beside it, which {@link commit} renames
 * over the target and {@link abort} removes. For output too large to hold
 * in memory at once, such as a long trace.
 */
export class AtomicFileWriter {
  private readonly temp: string;
  private fd: number | null;

  constructor(private readonly path: string) {
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true });
    removeStaleTemps(dir);
    this.temp = join(dir, `.careload-${nodeCrypto().randomBytes(16).toString('hex')}.tmp`);
    this.fd = createExclusive(this.temp);
  }

  /** Appends text. @throws the system error (the caller then aborts) */
  write(text: string): void {
    if (this.fd === null) throw new Error('the file is already closed');
    writeSync(this.fd, text);
  }

  /** Puts the file in place. */
  commit(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
      this.fd = null;
      renameSync(this.temp, this.path);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Leaves the target untouched and removes the temporary file (safe to call twice). */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already failing: the temporary file goes either way.
      }
      this.fd = null;
    }
    rmSync(this.temp, { force: true });
  }
}

/**
 * Creates `file` for writing only if nothing is there, not even a link
 * (O_CREAT | O_EXCL, and O_NOFOLLOW), and returns its descriptor.
 * @throws the system error (EEXIST when anything is at the name)
 */
export function createExclusive(file: string): number {
  return openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
}

/** Folders already cleaned by this process (a folder is cleaned once, not on every write). */
const cleaned = new Set<string>();

/**
 * Removes careload's own leftover temporary files older than a day from
 * `dir` (regular files named as careload names them, nothing else: no
 * user file, no link, no folder). Returns the names removed. Best effort:
 * a file that cannot be removed stays. Runs once per folder per process
 * unless `force`.
 */
export function removeStaleTemps(dir: string, now = Date.now(), force = false): string[] {
  const key = resolve(dir);
  if (cleaned.has(key) && !force) return [];
  cleaned.add(key);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!TEMP_NAME.test(name) && !OLD_TEMP_NAME.test(name)) continue;
    const file = join(dir, name);
    try {
      const stat = lstatSync(file);
      if (!stat.isFile() || now - stat.mtimeMs < STALE_AFTER_MS) continue;
      unlinkSync(file);
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
