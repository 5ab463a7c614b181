/**
 * Where results may be written, checked before anything runs: a run must
 * not simulate for minutes and then fail on its output folder (or hang on
 * /proc).
 */
import { nodeCrypto } from './lazy-crypto.js';
import { closeSync, existsSync, mkdirSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { errnoText } from './errno.js';
import { createExclusive } from './write.js';

/** An output path careload cannot write to, with the reason in one line (the path first). */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
}

/** Kernel and device file systems: writing results there is never meant (and /proc can hang). */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

function underSystemFolder(path: string): string | null {
  return SYSTEM_FOLDERS.find((root) => path === root || path.startsWith(`${root}${sep}`)) ?? null;
}

/** The path with its nearest existing ancestor resolved through symbolic links (so a link into /proc is seen). */
function realPathOf(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    return join(realpathSync(existing), path.slice(existing.length));
  } catch {
    return path;
  }
}

/**
 * Checks that `dir` is a folder careload can write results into, creating
 * it (and its parents) when missing: not empty, not under /proc, /sys or
 * /dev, not an existing file, and writable (a probe file is created
 * exclusively, then removed).
 * @throws OutputPathError `<dir>: <reason>`
 */
export function checkOutputFolder(dir: string): void {
  if (dir.trim() === '') throw new OutputPathError(`${JSON.stringify(dir)}: an empty path; name a folder`);
  const absolute = resolve(dir);
  const system = underSystemFolder(absolute) ?? underSystemFolder(realPathOf(absolute));
  if (system !== null) throw new OutputPathError(`${dir}: not a writable folder (under ${system}, a system folder)`);
  let isFolder = false;
  try {
    isFolder = statSync(absolute).isDirectory();
    if (!isFolder) throw new OutputPathError(`${dir}: not a writable folder (it is a file)`);
  } catch (e) {
    if (e instanceof OutputPathError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputPathError(`${dir}: not a writable folder (${errnoText(e)})`);
  }
  try {
    if (!isFolder) mkdirSync(absolute, { recursive: true });
    const probe = join(absolute, `.careload-${nodeCrypto().randomBytes(16).toString('hex')}.tmp`);
    closeSync(createExclusive(probe));
    unlinkSync(probe);
  } catch (e) {
    throw new OutputPathError(`${dir}: not a writable folder (${errnoText(e)})`);
  }
}

/**
 * Checks that careload can write the file `file` (a report such as
 * `--junit`): its folder is writable (see {@link checkOutputFolder}) and
 * the file, when it exists, is not a folder.
 * @throws OutputPathError `<file>: <reason>`
 */
export function checkOutputFile(file: string): void {
  if (file.trim() === '') throw new OutputPathError(`${JSON.stringify(file)}: an empty path; name a file`);
  try {
    checkOutputFolder(dirname(file));
  } catch (e) {
    if (e instanceof OutputPathError) throw new OutputPathError(`${file}: cannot write here (${e.message})`);
    throw e;
  }
  try {
    if (statSync(file).isDirectory()) throw new OutputPathError(`${file}: a folder, not a file`);
  } catch (e) {
    if (e instanceof OutputPathError) throw e;
  }
}
