import fs from 'node:fs';
import path from 'node:path';

/** Where file bytes live. A local folder by default; an S3-compatible store can implement the same two calls. */
export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when there is no such file. */
  get(key: string): Promise<Buffer | null>;
}

const SAFE_KEY = /^[a-z0-9_]+\/[a-z0-9_.-]+$/;

export function folderStorage(root: string): FileStorage {
  const fileOf = (key: string) => {
    // Keys are made by us, but a bad one must never escape the folder.
    if (!SAFE_KEY.test(key)) throw new Error(`unsafe storage key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a crash never leaves half a photo under the real name.
      await fs.promises.writeFile(`${file}.part`, bytes);
      await fs.promises.rename(`${file}.part`, file);
    },
    async get(key) {
      try {
        return await fs.promises.readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
