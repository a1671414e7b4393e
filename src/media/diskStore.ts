import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, contentTypeFor, type MediaObject, type MediaObjectInfo, type MediaStore, type PutOptions } from './store.js';

/** Files being written are named so; a crash can leave one behind, and `list` never shows it. */
const partial = /^\.partial-/;

/** Media as files under one folder, as Khabar has always kept them (`DATA_DIR/media`). */
export class DiskMediaStore implements MediaStore {
  readonly kind = 'disk' as const;
  readonly where: string;

  constructor(readonly root: string) {
    this.where = `disk ${root}`;
  }

  private file(key: string): string {
    return join(this.root, checkKey(key));
  }

  async put(key: string, body: Buffer | Readable, _options: PutOptions = {}): Promise<void> {
    const file = this.file(key);
    await mkdir(dirname(file), { recursive: true });
    // Written beside, then renamed: a reader never sees half a file.
    const temp = join(dirname(file), `.partial-${randomBytes(6).toString('hex')}`);
    try {
      if (Buffer.isBuffer(body)) await writeFile(temp, body);
      else await pipeline(body, createWriteStream(temp));
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<MediaObject | undefined> {
    let handle;
    try {
      handle = await open(this.file(key), 'r');
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
    const s = await handle.stat();
    if (!s.isFile()) {
      await handle.close();
      return undefined;
    }
    return { ...info(key, s.size, s.mtime), body: createReadStream('', { fd: handle, autoClose: true }) };
  }

  async head(key: string): Promise<MediaObjectInfo | undefined> {
    try {
      const s = await stat(this.file(key));
      return s.isFile() ? info(key, s.size, s.mtime) : undefined;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async *list(): AsyncIterable<string> {
    let entries;
    try {
      entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const e of entries) {
      if (!e.isFile() || partial.test(e.name)) continue;
      // Node 20 names the folder `path`; later versions `parentPath`.
      const parent = (e as { parentPath?: string }).parentPath ?? (e as unknown as { path: string }).path;
      yield relative(this.root, join(parent, e.name)).split(sep).join('/');
    }
  }

  async close(): Promise<void> {}
}

/** The validator @fastify/static (send) gave these files, so caches stay valid across the change. */
function info(key: string, size: number, mtime: Date): MediaObjectInfo {
  return { size, contentType: contentTypeFor(key), etag: `W/"${size.toString(16)}-${mtime.getTime().toString(16)}"`, lastModified: mtime };
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
