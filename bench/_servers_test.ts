import assert from "node:assert/strict";
import { readMemory, startServer } from "./_servers.ts";

Deno.test("startServer() waits for the baseline, reads its memory and stops it", async () => {
  const server = await startServer({
    name: "baseline",
    script: "bench/baseline_server.ts",
    cwd: new URL("../", import.meta.url),
    readyPath: "/",
  });
  try {
    assert.match(server.readyLine, /^baseline listening on http:\/\//);
    const response = await fetch(`${server.origin}/`);
    assert.equal(await response.text(), "Hello, world!\n");
    if (Deno.build.os === "linux") {
      const memory = await readMemory(server.pid);
      assert.ok(memory && memory.rssKib > 0 && memory.peakKib >= memory.rssKib);
    }
  } finally {
    await server.stop();
  }
  assert.equal(await readMemory(server.pid), null);
});

Deno.test("startServer() reports a server that exits before listening", async () => {
  await assert.rejects(
    () =>
      startServer({
        name: "broken",
        script: "bench/does_not_exist.ts",
        cwd: new URL("../", import.meta.url),
        readyPath: "/",
      }),
    /Server 'broken' exited with code 1 before listening\n {2}last output:/,
  );
});
