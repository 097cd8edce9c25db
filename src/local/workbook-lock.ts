// One writer at a time per workbook, across processes: the CLI commands and the local sidebar server
// hold a lock (proper-lockfile: a `<workbook>.lock` folder, refreshed while held and taken over when
// its holder died) from reading the workbook until its new contents are saved. Without it, `npm start`
// and `peer-tutoring schedule` each read the workbook, and the later save silently dropped the other's.
import lockfile from 'proper-lockfile';
import { followSymlinks } from './atomic-file';
import { errorCode, LocalError } from './errors';

/** A lock not refreshed for this long belongs to a process that died (kill -9, power cut): it is taken over. */
const STALE_AFTER_MS = 30_000;
/** How long a command waits for another one to finish before giving up. */
const WAIT_MS = STALE_AFTER_MS + 5_000;
const RETRY_EVERY_MS = 250;

export interface LockOptions {
  /** Called once when the workbook is busy and the command starts waiting. */
  onWait?: () => void;
}

/** Runs `task` holding the workbook's lock; a symlink and its target share one lock. */
export async function withWorkbookLock<T>(file: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const target = await followSymlinks(file);
  const release = await acquire(file, target, options);
  try {
    return await task();
  } finally {
    // A lock taken over meanwhile (this process stalled) is no longer ours to remove; the workbook's
    // own changed-on-disk check has already refused a save that would have lost the other's write.
    await release().catch(() => undefined);
  }
}

async function acquire(file: string, target: string, options: LockOptions): Promise<() => Promise<void>> {
  const lock = (retries: number) =>
    lockfile.lock(target, {
      realpath: false,
      stale: STALE_AFTER_MS,
      retries: { retries, factor: 1, minTimeout: RETRY_EVERY_MS, maxTimeout: RETRY_EVERY_MS },
      onCompromised: () => undefined, // the default throws from a timer, which would crash the command
    });
  try {
    return await lock(0);
  } catch (error) {
    if (errorCode(error) !== 'ELOCKED') throw explainLockError(error, file);
  }
  options.onWait?.();
  try {
    return await lock(Math.ceil(WAIT_MS / RETRY_EVERY_MS));
  } catch (error) {
    if (errorCode(error) !== 'ELOCKED') throw explainLockError(error, file);
    throw new LocalError(
      `${file} is being changed by another peer-tutoring command or the local sidebar (npm start): nothing was written; try again when it has finished`,
    );
  }
}

function explainLockError(error: unknown, file: string): unknown {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new LocalError(`no permission to write in the folder of ${file}: nothing was written`);
  if (code === 'ENOENT') return new LocalError(`the folder of ${file} does not exist: nothing was written`);
  return error;
}
