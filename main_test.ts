import assert from "node:assert/strict";

const MAIN = new URL("./main.ts", import.meta.url).pathname;

function spawnStore(env: Record<string, string>) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", MAIN],
    // Empty counts as unset: the embedded defaults whatever the test run has.
    env: {
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Read lines from a stream until one matches, returning it. */
async function waitForLine(
  stream: ReadableStream<Uint8Array>,
  pattern: RegExp,
): Promise<string> {
  let seen = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    seen += decoder.decode(chunk, { stream: true });
    const line = seen.split("\n").find((l) => pattern.test(l));
    if (line) return line;
  }
  throw new Error(`The store exited without printing ${pattern}:\n${seen}`);
}

Deno.test("main.ts starts on embedded defaults, prints its URL and stops on SIGTERM", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "storefront-main-" });
  const child = spawnStore({
    PORT: "0",
    LISTEN_HOST: "127.0.0.1",
    DATA_DIR: dataDir,
  });
  try {
    const line = await waitForLine(child.stdout, /listening on http:\/\//);
    const url = /(http:\/\/[^\s]+)/.exec(line)![1];
    assert.match(line, /embedded database, memory cache/);
    const response = await fetch(new URL("/health", url));
    assert.deepEqual(await response.json(), { status: "ok" });
    child.kill("SIGTERM");
    assert.equal((await child.status).code, 0);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
    await child.stderr.cancel();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("main.ts refuses a bad configuration with a message naming the variable", async () => {
  async function run(env: Record<string, string>): Promise<string> {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", MAIN],
      env,
    }).output();
    assert.equal(output.code, 1);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/, "no stack trace");
    return stderr;
  }
  assert.match(
    await run({ PORT: "eighty" }),
    /PORT: must be a port number from 0 to 65535 \(got 'eighty'\)/,
  );
  assert.match(
    await run({ BASE_CURRENCY: "EUR", CURRENCIES: "USD" }),
    /CURRENCIES: must include the base currency 'EUR'/,
  );
});
