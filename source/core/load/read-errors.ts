/** Error codes lede gives its own refusals, so every read error becomes a reason in one place. */
export const NOT_REGULAR_FILE = 'ENOTREGULAR';

/** A path that was a regular file when the folder was walked, and is something else when opened. */
export function notRegularFileError(path: string): Error {
  return Object.assign(new Error(`not a regular file: ${path}`), { code: NOT_REGULAR_FILE });
}

/** A directory where a file was asked for, as the fs would say it. */
export function isADirectory(path: string): Error {
  return Object.assign(new Error(`is a directory: ${path}`), { code: 'EISDIR' });
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** A short human reason for a file or folder that could not be read. */
export function readErrorReason(error: unknown, notFound = 'not found'): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return notFound;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    case NOT_REGULAR_FILE:
    case 'ENXIO': // a socket, or a device with no driver behind it
      return 'not a regular file';
    case 'EAGAIN':
    case 'EWOULDBLOCK':
      return 'reading it would block';
    default:
      return code ? `unreadable (${code})` : 'unreadable';
  }
}
