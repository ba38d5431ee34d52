/**
 * The baseline for `deno task bench`: a bare `Deno.serve` hello world on
 * loopback, with no framework, middleware or database. The bench starts it as
 * a subprocess with `PORT` set and waits for the "listening on" line, exactly
 * as it does for the store, so the two are measured the same way.
 *
 * @module
 */

/** Answer every request with a short plain-text body. */
export function hello(): Response {
  return new Response("Hello, world!\n", {
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

if (import.meta.main) {
  const port = Number(Deno.env.get("PORT") ?? "8001");
  Deno.serve({
    hostname: "127.0.0.1",
    port,
    onListen({ hostname, port }) {
      console.log(`baseline listening on http://${hostname}:${port}/`);
    },
  }, hello);
}
