/** Plain words for the system errors a file write meets, by code. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file',
  EISDIR: 'a folder, not a file',
  EEXIST: 'exists and is not a folder',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many levels of symbolic links',
  ENOENT: 'no such file or folder',
  EBADF: 'bad file descriptor',
  EIO: 'input/output error',
  EPIPE: 'broken pipe',
  EINVAL: 'invalid argument',
};

/** A system error in a few plain words with its code, e.g. `no space left on device (ENOSPC)`; other errors by their message. */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') {
    const known = ERRNO_TEXT[code];
    // Node's messages read `ENOSPC: no space left on device, write`: keep the words.
    const fromMessage = /^[A-Z]+: ([^,]+)/.exec(e instanceof Error ? e.message : '')?.[1];
    return `${known ?? fromMessage ?? 'system error'} (${code})`;
  }
  return e instanceof Error ? e.message : String(e);
}
