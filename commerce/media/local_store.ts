/**
 * The default object stores: files on local disk under `<DATA_DIR>/media/`
 * (one folder per first two hex digits of the key, so no folder grows
 * huge), and an in-memory map for a `memory://` data dir (tests, demos).
 *
 * @module
 */
import { MediaStoreUnavailableError } from "./errors.ts";
import { contentTypeOfKey, isMediaKey } from "./keys.ts";
import type { MediaStore, StoredObject } from "./types.ts";

function checkKey(key: string): void {
  // Keys are content hashes: anything else (a path, `..`) never reaches
  // the file system.
  if (!isMediaKey(key)) throw new Error(`Not a media key: '${key}'`);
}

/**
 * A store writing each object to `<dir>/<key[0..2]>/<key>`, atomically (a
 * temporary file renamed into place), once: a key that exists already
 * holds the same bytes.
 */
export function localMediaStore(options: { dir: string }): MediaStore {
  const pathOf = (key: string) => `${options.dir}/${key.slice(0, 2)}/${key}`;
  return {
    kind: "local",
    async put(key, object) {
      checkKey(key);
      const path = pathOf(key);
      try {
        if (await exists(path)) return;
        await Deno.mkdir(`${options.dir}/${key.slice(0, 2)}`, {
          recursive: true,
        });
        const temporary = `${path}.${crypto.randomUUID()}.tmp`;
        try {
          await Deno.writeFile(temporary, object.body);
          await Deno.rename(temporary, path);
        } finally {
          await Deno.remove(temporary).catch(() => {});
        }
      } catch (cause) {
        throw new MediaStoreUnavailableError(
          "The media store cannot write the file",
          cause,
        );
      }
    },
    async get(key) {
      if (!isMediaKey(key)) return null;
      let file: Deno.FsFile;
      try {
        file = await Deno.open(pathOf(key), { read: true });
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return null;
        throw new MediaStoreUnavailableError(
          "The media store cannot read the file",
          error,
        );
      }
      const { size } = await file.stat();
      return {
        body: file.readable,
        contentType: contentTypeOfKey(key)!,
        bytes: size,
      } satisfies StoredObject;
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** A store keeping objects in this process's memory (lost on restart). */
export function memoryMediaStore(): MediaStore {
  const objects = new Map<string, { body: Uint8Array; contentType: string }>();
  return {
    kind: "memory",
    put(key, object) {
      checkKey(key);
      objects.set(key, {
        body: object.body.slice(),
        contentType: object.contentType,
      });
      return Promise.resolve();
    },
    get(key) {
      const object = objects.get(key);
      return Promise.resolve(
        object
          ? {
            body: ReadableStream.from([object.body.slice()]),
            contentType: object.contentType,
            bytes: object.body.length,
          }
          : null,
      );
    },
  };
}
