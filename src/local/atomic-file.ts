// Replacing a file so that a reader (or a crash) never sees half of it, and so that the file stays as
// it was: the same permissions and owner, a symlink still pointing at it, no temporary file left behind.
import { promises as fs, type Stats } from 'fs';
import path from 'path';
import { errorCode, LocalError } from './errors';

export interface ReplaceOptions {
  /** Runs after the new contents are on disk, just before the rename: throw to keep the old file. */
  beforeReplace?: () => Promise<void>;
}

/**
 * Writes `contents` to a flushed temporary file beside `file`'s target, then renames it over the target.
 * Returns the new file's stats.
 */
export async function replaceFileAtomically(file: string, contents: string | Uint8Array, options: ReplaceOptions = {}): Promise<Stats> {
  const target = await followSymlinks(file);
  const existing = await statIfExists(target);
  if (existing && (existing.mode & 0o222) === 0) {
    throw new LocalError(`${file} is read-only: nothing was written (make it writable, or copy it and use the copy)`);
  }
  await removeStaleTemporaries(target);
  const temporary = temporaryPath(target, process.pid);
  let written: Stats;
  try {
    written = await writeFlushed(temporary, contents, existing);
    await options.beforeReplace?.();
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw explainWriteError(error, file);
  }
  await flushFolder(path.dirname(target));
  return written;
}

/** The file a path finally names: writing there keeps a symlink a symlink. A new file is the path itself. */
export async function followSymlinks(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

async function statIfExists(file: string): Promise<Stats | null> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw explainWriteError(error, file);
  }
}

function temporaryPath(target: string, pid: number): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${pid}.tmp`);
}

/** A run killed during a save (kill -9, power cut) leaves its temporary file: remove those of dead processes. */
async function removeStaleTemporaries(target: string): Promise<void> {
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = await fs.readdir(path.dirname(target));
  } catch {
    return; // the write itself will explain a folder that cannot be read
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) {
      await fs.rm(path.join(path.dirname(target), name), { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // running, under another user
  }
}

/**
 * Creates the temporary file with the old file's mode from the start (a 0600 workbook is never
 * readable by others, even for a moment) and owner, writes it and flushes it to the disk.
 */
async function writeFlushed(temporary: string, contents: string | Uint8Array, existing: Stats | null): Promise<Stats> {
  const mode = existing ? existing.mode & 0o7777 : 0o666;
  const handle = await fs.open(temporary, 'wx', mode);
  try {
    if (existing) {
      await handle.chmod(mode); // open's mode is narrowed by the umask
      await handle.chown(existing.uid, existing.gid).catch(() => undefined); // only root may give files away
    }
    await handle.writeFile(contents);
    await handle.sync();
    return await handle.stat();
  } finally {
    await handle.close();
  }
}

/** Makes the rename itself durable; some systems cannot open a folder for this, which is harmless. */
async function flushFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // best effort
  }
}

const WRITE_ERRORS: Record<string, (file: string) => string> = {
  ENOENT: (file) => `the folder ${path.dirname(file)} does not exist: nothing was written`,
  ENOTDIR: (file) => `the folder ${path.dirname(file)} does not exist: nothing was written`,
  EACCES: (file) => `no permission to write ${file} or its folder: nothing was written`,
  EPERM: (file) => `no permission to write ${file} or its folder: nothing was written`,
  EROFS: (file) => `${file} is on a read-only disk: nothing was written`,
  ENOSPC: (file) => `the disk is full: ${file} was not written (the old file is unchanged)`,
  EISDIR: (file) => `${file} is a folder, not a file: nothing was written`,
};

/** A system error as one sentence for the teacher; other errors unchanged. */
export function explainWriteError(error: unknown, file: string): unknown {
  const explain = WRITE_ERRORS[errorCode(error)];
  return explain ? new LocalError(explain(file)) : error;
}

/** Checks that `file` can be written where it is named, before anything else is written. */
export async function checkWritableDestination(file: string): Promise<void> {
  const target = await followSymlinks(file);
  const folder = await statIfExists(path.dirname(target));
  if (!folder || !folder.isDirectory()) throw new LocalError(`the folder ${path.dirname(file)} does not exist: nothing was written`);
  const existing = await statIfExists(target);
  if (existing?.isDirectory()) throw new LocalError(`${file} is a folder, not a file: nothing was written`);
  if (existing && (existing.mode & 0o222) === 0) throw new LocalError(`${file} is read-only: nothing was written (make it writable, or choose another name)`);
}
