/**
 * Bytes of sealed documents and uploaded files under DATA_DIR/casework/<area>/, each under a generated
 * name (a UUID; nothing from the uploader reaches the file system). Written to a temporary file and
 * renamed, so a reader never sees half a file; readable by the service's user only.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type BlobArea = 'documents' | 'files';
const NAME = /^[0-9a-f-]{36}$/;

export class BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #path(area: BlobArea, name: string): string {
    if (!NAME.test(name)) throw new Error('invalid storage name');
    return path.join(this.#root, area, name);
  }

  /** Stores the bytes under a new generated name and returns the name. */
  async put(area: BlobArea, bytes: Uint8Array): Promise<string> {
    const name = randomUUID();
    const target = this.#path(area, name);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, target);
    return name;
  }

  read(area: BlobArea, name: string): Promise<Buffer> {
    return readFile(this.#path(area, name));
  }

  /** Deletes the file; true when it existed. */
  async remove(area: BlobArea, name: string): Promise<boolean> {
    try {
      await rm(this.#path(area, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}
