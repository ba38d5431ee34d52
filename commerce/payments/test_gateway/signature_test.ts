import assert from "node:assert/strict";
import { InvalidWebhookSignature } from "../errors.ts";
import { signatureHeader, verifySignature } from "./signature.ts";

const SECRET = "whsec-0123456789abcdef";
const BODY = '{"id":"evt_1","type":"payment.succeeded"}';
const NOW = new Date("2030-01-01T00:00:00Z");
const T = NOW.getTime() / 1000;

function reason(run: () => void): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidWebhookSignature);
    assert.equal(error.status, 400);
    assert.equal(error.code, "invalid_signature");
    return error.reason;
  }
  assert.fail("expected InvalidWebhookSignature");
}

Deno.test("signatureHeader() is t=<seconds>,v1=<hex HMAC-SHA256 of t.body>", () => {
  const header = signatureHeader(BODY, { secret: SECRET, timestamp: T });
  assert.match(header, new RegExp(`^t=${T},v1=[0-9a-f]{64}$`));
  verifySignature(BODY, { secret: SECRET, header, now: NOW });
});

Deno.test("verifySignature() refuses another body, another secret and no header", () => {
  const header = signatureHeader(BODY, { secret: SECRET, timestamp: T });
  assert.equal(
    reason(() =>
      verifySignature(BODY.replace("1", "2"), {
        secret: SECRET,
        header,
        now: NOW,
      })
    ),
    "signature_mismatch",
  );
  assert.equal(
    reason(() =>
      verifySignature(BODY, { secret: "another-secret-0000", header, now: NOW })
    ),
    "signature_mismatch",
  );
  assert.equal(
    reason(() =>
      verifySignature(BODY, { secret: SECRET, header: null, now: NOW })
    ),
    "missing_header",
  );
  assert.equal(
    reason(() =>
      verifySignature(BODY, { secret: SECRET, header: "v1=abc", now: NOW })
    ),
    "malformed_header",
  );
});

Deno.test("verifySignature() allows 300 seconds of clock difference, no more", () => {
  const at = (offset: number) =>
    signatureHeader(BODY, { secret: SECRET, timestamp: T + offset });
  verifySignature(BODY, { secret: SECRET, header: at(-300), now: NOW });
  verifySignature(BODY, { secret: SECRET, header: at(300), now: NOW });
  assert.equal(
    reason(() =>
      verifySignature(BODY, { secret: SECRET, header: at(-301), now: NOW })
    ),
    "stale_timestamp",
  );
});

Deno.test("verifySignature() accepts any of several v1 signatures (secret rotation)", () => {
  const old =
    signatureHeader(BODY, { secret: "an-older-secret-0000", timestamp: T })
      .split(",")[1];
  const header = `${
    signatureHeader(BODY, { secret: SECRET, timestamp: T })
  },${old}`;
  verifySignature(BODY, { secret: SECRET, header, now: NOW });
  verifySignature(BODY, { secret: "an-older-secret-0000", header, now: NOW });
});
