import assert from "node:assert/strict";
import { InvalidWebhookSignature } from "../errors.ts";
import { crc32 } from "./_crc32.ts";
import {
  checkTransmissionTime,
  isPayPalCertUrl,
  PAYPAL_SIGNATURE_HEADERS as H,
  readTransmission,
  signedText,
} from "./signature.ts";

const HEADERS = {
  [H.transmissionId]: "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
  [H.transmissionTime]: "2026-02-14T21:50:07Z",
  [H.transmissionSig]: btoa("not really a signature"),
  [H.certUrl]:
    "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270",
  [H.authAlgo]: "SHA256withRSA",
};

function rejects(headers: Record<string, string>, reason: string) {
  assert.throws(
    () => readTransmission(new Headers(headers)),
    (error) =>
      error instanceof InvalidWebhookSignature && error.reason === reason,
  );
}

Deno.test("`crc32()` matches the standard check value and the empty input", () => {
  assert.equal(crc32("123456789"), 3421780262);
  assert.equal(crc32(""), 0);
  assert.equal(crc32(new TextEncoder().encode("123456789")), 3421780262);
  // Multi-byte characters count as their UTF-8 bytes.
  assert.equal(crc32("€"), crc32(new Uint8Array([0xe2, 0x82, 0xac])));
});

Deno.test("`signedText()` joins id, time, webhook id and the body's CRC-32 with pipes", () => {
  assert.equal(
    signedText({ id: "abc", time: "2026-02-14T21:50:07Z" }, {
      webhookId: "WH-1",
      rawBody: "123456789",
    }),
    "abc|2026-02-14T21:50:07Z|WH-1|3421780262",
  );
});

Deno.test("`isPayPalCertUrl()` allows only PayPal's certificate path on its four API hosts", () => {
  const path = "/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270";
  for (
    const url of [
      `https://api.paypal.com${path}`,
      `https://api-m.paypal.com${path}`,
      `https://api.sandbox.paypal.com${path}`,
      `https://api-m.sandbox.paypal.com${path}`,
      `https://API.PAYPAL.COM${path}`,
      `https://api.paypal.com:443${path}`,
    ]
  ) {
    assert.equal(isPayPalCertUrl(url), true, url);
  }
  for (
    const url of [
      `http://api.paypal.com${path}`,
      // Hosts of PayPal's that do not serve certificates, or not PayPal's.
      `https://paypal.com${path}`,
      `https://www.paypal.com${path}`,
      `https://evil.api.paypal.com${path}`,
      `https://api.paypal.com.evil.example${path}`,
      `https://evilpaypal.com${path}`,
      `https://127.0.0.1${path}`,
      // The right host, another path.
      "https://api.paypal.com/certs/CERT-1",
      "https://api.paypal.com/v1/oauth2/token",
      "https://api.paypal.com/v1/notifications/certs/",
      "https://api.paypal.com/v1/notifications/certs/../../oauth2/token",
      "https://api.paypal.com/v1/notifications/certs/%2e%2e/%2E%2E/oauth2/token",
      "https://api.paypal.com/v1/notifications/certsX/CERT-1",
      // The right path, with something else.
      `https://api.paypal.com:8443${path}`,
      `https://user:pw@api.paypal.com${path}`,
      `https://api.paypal.com${path}?download=1`,
      `https://api.paypal.com${path}#key`,
      "file:///etc/passwd",
      "not a url",
    ]
  ) {
    assert.equal(isPayPalCertUrl(url), false, url);
  }
});

Deno.test("`readTransmission()` reads the five headers and decodes the signature", () => {
  const transmission = readTransmission(new Headers(HEADERS));
  assert.equal(transmission.id, HEADERS[H.transmissionId]);
  assert.equal(transmission.time, "2026-02-14T21:50:07Z");
  assert.equal(transmission.sentAt.toISOString(), "2026-02-14T21:50:07.000Z");
  assert.equal(
    new TextDecoder().decode(transmission.signature),
    "not really a signature",
  );
});

Deno.test("`readTransmission()` rejects a missing header as missing_header", () => {
  for (const name of Object.values(H)) {
    const headers: Record<string, string> = { ...HEADERS };
    delete headers[name];
    rejects(headers, "missing_header");
    rejects({ ...HEADERS, [name]: " " }, "missing_header");
  }
});

Deno.test("`readTransmission()` rejects unreadable headers as malformed_header", () => {
  for (
    const [name, value] of [
      [H.certUrl, "https://evil.example/cert.pem"],
      [H.certUrl, "http://api.paypal.com/v1/notifications/certs/CERT-1"],
      [H.certUrl, "https://www.paypal.com/v1/notifications/certs/CERT-1"],
      [H.certUrl, "https://api.paypal.com/v1/oauth2/token"],
      [H.authAlgo, "SHA1withRSA"],
      [H.transmissionTime, "yesterday"],
      [H.transmissionTime, "2026-02-30T25:00:00Z"],
      [H.transmissionSig, "***"],
      [H.transmissionId, "a|b"],
    ]
  ) {
    rejects({ ...HEADERS, [name]: value }, "malformed_header");
  }
});

Deno.test("`checkTransmissionTime()` rejects a transmission outside the tolerance either way", () => {
  const sentAt = new Date("2026-02-14T21:50:07Z");
  const at = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);
  checkTransmissionTime({ sentAt }, { now: at(300), toleranceSeconds: 300 });
  checkTransmissionTime({ sentAt }, { now: at(-300), toleranceSeconds: 300 });
  for (const seconds of [301, -301]) {
    assert.throws(
      () =>
        checkTransmissionTime({ sentAt }, {
          now: at(seconds),
          toleranceSeconds: 300,
        }),
      (error) =>
        error instanceof InvalidWebhookSignature &&
        error.reason === "stale_timestamp",
    );
  }
});
