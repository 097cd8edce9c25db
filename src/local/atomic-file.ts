// Replacing a file so that a reader (or a crash) never sees half of it.
import { promises as fs } from 'fs';
import path from 'path';

/** Lets `write` fill a temporary file beside `file`, then renames it over `file`; cleans up on failure. */
export async function replaceFileAtomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await write(temporary);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
