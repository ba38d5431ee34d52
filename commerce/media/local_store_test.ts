import assert from "node:assert/strict";
import { localMediaStore, memoryMediaStore } from "./local_store.ts";

const KEY = `${"ab".repeat(32)}.png`;
const bytes = new Uint8Array([1, 2, 3, 4]);

Deno.test("`localMediaStore()` writes under its folder and reads back", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = localMediaStore({ dir });
    assert.equal(await store.get(KEY), null);
    await store.put(KEY, { body: bytes, contentType: "image/png" });
    // Same key, same bytes: a second put leaves the file as it is.
    await store.put(KEY, { body: bytes, contentType: "image/png" });
    assert.deepEqual(await Deno.readFile(`${dir}/ab/${KEY}`), bytes);
    const entries = [];
    for await (const entry of Deno.readDir(`${dir}/ab`)) {
      entries.push(entry.name);
    }
    assert.deepEqual(entries, [KEY], "no temporary file is left behind");
    const object = (await store.get(KEY))!;
    assert.equal(object.contentType, "image/png");
    assert.equal(object.bytes, 4);
    assert.deepEqual(
      new Uint8Array(await new Response(object.body).arrayBuffer()),
      bytes,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("`localMediaStore()` never touches a path that is not a media key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = localMediaStore({ dir });
    assert.equal(await store.get("../../etc/passwd"), null);
    await assert.rejects(() =>
      store.put("../escape.png", { body: bytes, contentType: "image/png" })
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("`memoryMediaStore()` keeps a copy of what it was given", async () => {
  const store = memoryMediaStore();
  const body = bytes.slice();
  await store.put(KEY, { body, contentType: "image/png" });
  body[0] = 99;
  const object = (await store.get(KEY))!;
  assert.deepEqual(
    new Uint8Array(await new Response(object.body).arrayBuffer()),
    bytes,
  );
  assert.equal(await store.get(`${"cd".repeat(32)}.png`), null);
});
