import assert from "node:assert/strict";
import { CompactSign, exportJWK, SignJWT } from "jose";
import { toErrorResponse, Unauthorized } from "../errors.ts";
import {
  exportSigningKey,
  generateSigningKey,
  importSigningKey,
  InvalidTokenError,
  type InvalidTokenReason,
  jwks,
  type KeySet,
  rotateKeys,
  signAccessToken,
  verifyAccessToken,
} from "./mod.ts";

const NOW = new Date("2030-01-01T12:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;

async function keySet(kid = "k1"): Promise<KeySet> {
  return { current: await generateSigningKey(kid) };
}

function b64url(value: string | Uint8Array): string {
  const bytes = typeof value === "string"
    ? new TextEncoder().encode(value)
    : value;
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

function decodePart(part: string): Record<string, unknown> {
  const base64 = part.replaceAll("-", "+").replaceAll("_", "/");
  return JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")));
}

async function assertRefused(
  promise: Promise<unknown>,
  reason: InvalidTokenReason,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InvalidTokenError, `got ${error}`);
    assert.equal(error.reason, reason, String(error.cause ?? ""));
    return true;
  });
}

Deno.test("signAccessToken() and verifyAccessToken() round-trip the claims", async () => {
  const keys = await keySet();
  const token = await signAccessToken(keys, {
    sub: "acct-1",
    roles: ["customer", "admin"],
    sessionId: "sess-9",
    now: NOW,
  });
  const header = decodePart(token.split(".")[0]);
  assert.deepEqual(header, { alg: "EdDSA", kid: "k1", typ: "JWT" });
  const payload = decodePart(token.split(".")[1]);
  assert.deepEqual(payload, {
    sub: "acct-1",
    roles: ["customer", "admin"],
    sid: "sess-9",
    iss: "globex-store",
    aud: "globex-store",
    iat: NOW_SECONDS,
    exp: NOW_SECONDS + 900,
  });

  const claims = await verifyAccessToken(keys, token, { now: NOW });
  assert.deepEqual(claims, {
    sub: "acct-1",
    roles: ["customer", "admin"],
    sid: "sess-9",
    exp: NOW_SECONDS + 900,
  });
  // The public JWKS alone verifies too: what an edge instance would hold.
  assert.deepEqual(
    await verifyAccessToken(jwks(keys), token, { now: NOW }),
    claims,
  );
});

Deno.test("verifyAccessToken() omits sid when the token has none", async () => {
  const keys = await keySet();
  const token = await signAccessToken(keys, { sub: "a", roles: [], now: NOW });
  assert.deepEqual(await verifyAccessToken(keys, token, { now: NOW }), {
    sub: "a",
    roles: [],
    exp: NOW_SECONDS + 900,
  });
});

Deno.test("an ES256 key signs and verifies the same way", async () => {
  const keys = { current: await generateSigningKey("ec", { alg: "ES256" }) };
  const token = await signAccessToken(keys, { sub: "a", roles: [], now: NOW });
  assert.equal(decodePart(token.split(".")[0]).alg, "ES256");
  assert.equal(
    (await verifyAccessToken(jwks(keys), token, { now: NOW })).sub,
    "a",
  );
});

Deno.test("verifyAccessToken() refuses an expired token, with 30 s of tolerance", async () => {
  const keys = await keySet();
  const token = await signAccessToken(keys, {
    sub: "a",
    roles: [],
    now: NOW,
    expiresInSeconds: 60,
  });
  const at = (seconds: number) => new Date((NOW_SECONDS + seconds) * 1000);
  await verifyAccessToken(keys, token, { now: at(60 + 29) });
  await assertRefused(
    verifyAccessToken(keys, token, { now: at(60 + 31) }),
    "expired",
  );
  await assert.rejects(
    verifyAccessToken(keys, token, { now: at(3600) }),
    (error: unknown) => {
      // Still the store's 401 shape, with its own code.
      assert.ok(error instanceof Unauthorized);
      const response = toErrorResponse(error);
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, "invalid_token");
      assert.equal(response.body.error.message, "The access token has expired");
      return true;
    },
  );
});

Deno.test("verifyAccessToken() refuses a token issued in the future", async () => {
  const keys = await keySet();
  const token = await signAccessToken(keys, {
    sub: "a",
    roles: [],
    now: new Date(NOW.getTime() + 120_000),
  });
  await assertRefused(
    verifyAccessToken(keys, token, { now: NOW }),
    "not_yet_valid",
  );
});

Deno.test("verifyAccessToken() refuses a tampered payload as a bad signature", async () => {
  const keys = await keySet();
  const token = await signAccessToken(keys, {
    sub: "a",
    roles: ["customer"],
    now: NOW,
  });
  const [header, payload, signature] = token.split(".");
  const forged = b64url(
    JSON.stringify({ ...decodePart(payload), roles: ["admin"] }),
  );
  await assertRefused(
    verifyAccessToken(keys, `${header}.${forged}.${signature}`, { now: NOW }),
    "bad_signature",
  );
});

Deno.test("verifyAccessToken() refuses a tampered header", async () => {
  const keys = await keySet();
  const token = await signAccessToken(keys, { sub: "a", roles: [], now: NOW });
  const [header, payload, signature] = token.split(".");
  const parsed = decodePart(header);
  const withExtra = b64url(JSON.stringify({ ...parsed, cty: "x" }));
  await assertRefused(
    verifyAccessToken(keys, `${withExtra}.${payload}.${signature}`, {
      now: NOW,
    }),
    "bad_signature",
  );
  const otherAlg = b64url(JSON.stringify({ ...parsed, alg: "ES256" }));
  await assertRefused(
    verifyAccessToken(keys, `${otherAlg}.${payload}.${signature}`, {
      now: NOW,
    }),
    "wrong_algorithm",
  );
});

Deno.test('verifyAccessToken() refuses an `alg: "none"` token', async () => {
  const keys = await keySet();
  const header = b64url(JSON.stringify({ alg: "none", kid: "k1", typ: "JWT" }));
  const payload = b64url(JSON.stringify({
    sub: "a",
    roles: ["admin"],
    iss: "globex-store",
    aud: "globex-store",
    iat: NOW_SECONDS,
    exp: NOW_SECONDS + 900,
  }));
  for (const token of [`${header}.${payload}.`, `${header}.${payload}`]) {
    await assert.rejects(
      verifyAccessToken(keys, token, { now: NOW }),
      InvalidTokenError,
    );
  }
  await assertRefused(
    verifyAccessToken(keys, `${header}.${payload}.`, { now: NOW }),
    "wrong_algorithm",
  );
});

Deno.test("verifyAccessToken() refuses HS256 signed with the public key as the secret", async () => {
  const keys = await keySet();
  const publicJwk = keys.current.publicJwk;
  const secrets = [
    new TextEncoder().encode(JSON.stringify(publicJwk)),
    new TextEncoder().encode(JSON.stringify(jwks(keys))),
    Uint8Array.from(
      atob(publicJwk.x!.replaceAll("-", "+").replaceAll("_", "/") + "="),
      (c) => c.charCodeAt(0),
    ),
  ];
  for (const secret of secrets) {
    const token = await new SignJWT({ roles: ["admin"] })
      .setProtectedHeader({ alg: "HS256", kid: "k1", typ: "JWT" })
      .setSubject("a")
      .setIssuer("globex-store")
      .setAudience("globex-store")
      .setIssuedAt(NOW_SECONDS)
      .setExpirationTime(NOW_SECONDS + 900)
      .sign(secret);
    await assertRefused(
      verifyAccessToken(jwks(keys), token, { now: NOW }),
      "wrong_algorithm",
    );
  }
});

Deno.test("verifyAccessToken() refuses a token from another key set with the same kid", async () => {
  const ours = await keySet("k1");
  const theirs = await keySet("k1");
  const token = await signAccessToken(theirs, {
    sub: "a",
    roles: [],
    now: NOW,
  });
  await assertRefused(
    verifyAccessToken(ours, token, { now: NOW }),
    "bad_signature",
  );
});

Deno.test("verifyAccessToken() refuses an unknown or missing kid", async () => {
  const keys = await keySet("k1");
  const token = await signAccessToken(await keySet("k2"), {
    sub: "a",
    roles: [],
    now: NOW,
  });
  await assertRefused(
    verifyAccessToken(keys, token, { now: NOW }),
    "unknown_key",
  );
  const unsignedKid = await new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT" })
    .setSubject("a")
    .setIssuedAt(NOW_SECONDS)
    .setExpirationTime(NOW_SECONDS + 900)
    .sign(keys.current.privateKey);
  await assertRefused(
    verifyAccessToken(keys, unsignedKid, { now: NOW }),
    "unknown_key",
  );
});

Deno.test("rotateKeys() keeps the previous key verifying until it is dropped", async () => {
  const before = await keySet("2030-01");
  const oldToken = await signAccessToken(before, {
    sub: "a",
    roles: [],
    now: NOW,
  });
  const after = rotateKeys(before, await generateSigningKey("2030-02"));
  const newToken = await signAccessToken(after, {
    sub: "b",
    roles: [],
    now: NOW,
  });
  assert.equal(decodePart(newToken.split(".")[0]).kid, "2030-02");
  assert.deepEqual(jwks(after).keys.map((k) => k.kid), ["2030-02", "2030-01"]);

  assert.equal(
    (await verifyAccessToken(after, oldToken, { now: NOW })).sub,
    "a",
  );
  assert.equal(
    (await verifyAccessToken(jwks(after), oldToken, { now: NOW })).sub,
    "a",
  );
  assert.equal(
    (await verifyAccessToken(after, newToken, { now: NOW })).sub,
    "b",
  );

  const dropped: KeySet = { current: after.current };
  await assertRefused(
    verifyAccessToken(dropped, oldToken, { now: NOW }),
    "unknown_key",
  );
  assert.equal(
    (await verifyAccessToken(dropped, newToken, { now: NOW })).sub,
    "b",
  );
});

Deno.test("verifyAccessToken() calls garbage malformed, never throwing anything else", async () => {
  const keys = await keySet();
  const junk = Array.from(
    { length: 10_240 },
    (_, i) => "abc.!é\u0000=-_/"[i % 13],
  ).join("");
  const header = b64url(JSON.stringify({ alg: "EdDSA", kid: "k1" }));
  const garbage = [
    "",
    "a.b",
    "a.b.c",
    "..",
    "...",
    "not a token",
    junk,
    "x".repeat(10_240),
    `${"a".repeat(5000)}.${"b".repeat(5000)}.${"c".repeat(240)}`,
    `${b64url("not json")}.e30.`,
    `${b64url("[1,2]")}.e30.`,
    `${b64url("null")}.e30.`,
    `${b64url(new Uint8Array([0xff, 0xfe]))}.e30.`,
    `${header}.e30.!!!`,
    `${header}.e30.AAAA.extra`,
    ` ${header}.e30.AAAA`,
    undefined as unknown as string,
    42 as unknown as string,
  ];
  for (const token of garbage) {
    await assertRefused(
      verifyAccessToken(keys, token, { now: NOW }),
      "malformed",
    );
  }
  // A well-formed header with a junk payload fails the signature check first,
  // so the payload is never parsed unless the signer vouched for it...
  await assertRefused(
    verifyAccessToken(keys, `${header}.${b64url("not json")}.AAAA`, {
      now: NOW,
    }),
    "bad_signature",
  );
  // ...and a validly signed payload that is not a claims object is malformed.
  for (const payload of ["not json", "[1]", "null"]) {
    const signed = await new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: "EdDSA", kid: "k1", typ: "JWT" })
      .sign(keys.current.privateKey);
    await assertRefused(
      verifyAccessToken(keys, signed, { now: NOW }),
      "malformed",
    );
  }
});

Deno.test("verifyAccessToken() requires sub, iat, exp and string roles", async () => {
  const keys = await keySet();
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({
      sub: "a",
      roles: [],
      iss: "globex-store",
      aud: "globex-store",
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 900,
      ...claims,
    })
      .setProtectedHeader({ alg: "EdDSA", kid: "k1", typ: "JWT" })
      .sign(keys.current.privateKey);
  for (
    const claims of [
      { sub: undefined },
      { sub: "" },
      { iat: undefined },
      { exp: undefined },
      { exp: "later" },
      { roles: undefined },
      { roles: "admin" },
      { roles: [1] },
      { sid: 7 },
    ]
  ) {
    await assertRefused(
      verifyAccessToken(keys, await sign(claims), { now: NOW }),
      "malformed",
    );
  }
  // Control: the same helper without changes verifies.
  assert.equal(
    (await verifyAccessToken(keys, await sign({}), { now: NOW })).sub,
    "a",
  );
});

Deno.test("verifyAccessToken() refuses a wrong issuer, audience or type", async () => {
  const keys = await keySet();
  const token = await signAccessToken(keys, {
    sub: "a",
    roles: [],
    now: NOW,
    issuer: "https://id.example",
    audience: "admin-api",
  });
  await assertRefused(
    verifyAccessToken(keys, token, { now: NOW }),
    "wrong_issuer",
  );
  await assertRefused(
    verifyAccessToken(keys, token, {
      now: NOW,
      issuer: "https://id.example",
      audience: "storefront",
    }),
    "wrong_audience",
  );
  assert.equal(
    (await verifyAccessToken(keys, token, {
      now: NOW,
      issuer: "https://id.example",
      audience: "admin-api",
    })).sub,
    "a",
  );

  const idToken = await new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: "EdDSA", kid: "k1", typ: "id+jwt" })
    .setSubject("a")
    .setIssuer("globex-store")
    .setAudience("globex-store")
    .setIssuedAt(NOW_SECONDS)
    .setExpirationTime(NOW_SECONDS + 900)
    .sign(keys.current.privateKey);
  await assertRefused(
    verifyAccessToken(keys, idToken, { now: NOW }),
    "wrong_type",
  );
});

Deno.test("jwks() publishes public keys only, with kid, alg and use", async () => {
  const ed = await generateSigningKey("ed");
  const ec = await generateSigningKey("ec", { alg: "ES256" });
  // Even a careless caller putting a private JWK among previous keys leaks
  // nothing: jwks() rebuilds every entry from public members.
  const leaky: KeySet = {
    current: ed,
    previous: [await exportSigningKey(ec)],
  };
  const { keys } = jwks(leaky);
  assert.equal(keys.length, 2);
  for (const key of keys) {
    assert.equal("d" in key, false);
    assert.equal(key.use, "sig");
    assert.ok(key.kid);
  }
  assert.deepEqual(keys.map((k) => k.alg), ["EdDSA", "ES256"]);
  assert.doesNotMatch(JSON.stringify(jwks(leaky)), /"(d|p|q|dp|dq|qi|k)"/);
  assert.equal("d" in ed.publicJwk, false);
});

Deno.test("exportSigningKey() and importSigningKey() round-trip through JSON", async () => {
  for (const alg of ["EdDSA", "ES256"] as const) {
    const original = await generateSigningKey(undefined, { alg });
    // The default kid is the RFC 7638 thumbprint: stable and unique per key.
    assert.match(original.kid, /^[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(await exportSigningKey(original));
    assert.ok(JSON.parse(stored).d, "the exported JWK holds the private key");

    const restored = await importSigningKey(JSON.parse(stored));
    assert.equal(restored.kid, original.kid);
    assert.deepEqual(restored.publicJwk, original.publicJwk);

    const token = await signAccessToken({ current: restored }, {
      sub: "a",
      roles: [],
      now: NOW,
    });
    assert.equal(
      (await verifyAccessToken({ current: original }, token, { now: NOW }))
        .sub,
      "a",
    );
  }
});

Deno.test("importSigningKey() refuses a JWK it cannot sign with", async () => {
  const key = await generateSigningKey("k1");
  const jwk = await exportSigningKey(key);
  await assert.rejects(
    importSigningKey({ ...jwk, kid: undefined }),
    TypeError,
  );
  await assert.rejects(importSigningKey(key.publicJwk), /no private part/);
  const hmac = await crypto.subtle.generateKey(
    { name: "HMAC", hash: "SHA-256" },
    true,
    ["sign"],
  );
  await assert.rejects(
    importSigningKey({ ...(await exportJWK(hmac)), kid: "h", d: "x" }),
    /unsupported key type 'oct'/,
  );
});

Deno.test({
  name: "verifyAccessToken() checks 1,000 tokens with no I/O",
  permissions: "none",
  async fn() {
    const keys = await keySet();
    const publicKeys = jwks(keys);
    const tokens = await Promise.all(
      Array.from(
        { length: 1000 },
        (_, i) =>
          signAccessToken(keys, { sub: `acct-${i}`, roles: [], now: NOW }),
      ),
    );
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => {
      throw new Error("verifyAccessToken() must not fetch");
    };
    try {
      const started = performance.now();
      for (const [i, token] of tokens.entries()) {
        const claims = await verifyAccessToken(publicKeys, token, { now: NOW });
        assert.equal(claims.sub, `acct-${i}`);
      }
      const elapsed = performance.now() - started;
      // Generous: this is a guard against a network or database wait, not a
      // benchmark.
      assert.ok(elapsed < 10_000, `took ${elapsed.toFixed(0)} ms`);
    } finally {
      globalThis.fetch = realFetch;
    }
  },
});
