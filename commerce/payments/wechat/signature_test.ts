import assert from "node:assert/strict";
import { createSign, createVerify, generateKeyPairSync } from "node:crypto";
import { generateRsaKeys } from "./_fake.ts";
import { decodeBase64 } from "./_util.ts";
import {
  authorizationHeader,
  checkWechatSignature,
  importPublicKey,
  parseAuthorization,
  privateKeyDer,
  publicKeyDer,
  requestMessage,
  responseMessage,
  signMessage,
  verifyMessage,
  WECHATPAY_HEADERS,
} from "./signature.ts";

const PLATFORM = await generateRsaKeys();
const OTHER = await generateRsaKeys();
const SERIAL = "PUB_KEY_ID_0119000001092024010100000001";
const NOW = new Date("2024-05-20T05:29:35Z");
const TIMESTAMP = String(NOW.getTime() / 1000);

async function signedHeaders(
  body: string,
  options: { timestamp?: string; serial?: string; key?: CryptoKey } = {},
): Promise<Headers> {
  const timestamp = options.timestamp ?? TIMESTAMP;
  const nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
  return new Headers({
    [WECHATPAY_HEADERS.timestamp]: timestamp,
    [WECHATPAY_HEADERS.nonce]: nonce,
    [WECHATPAY_HEADERS.serial]: options.serial ?? SERIAL,
    [WECHATPAY_HEADERS.signature]: await signMessage(
      responseMessage({ timestamp, nonce, body }),
      options.key ?? PLATFORM.privateKey,
    ),
  });
}

function check(
  headers: Headers,
  body: string,
  onUnknownSerial?: (serial: string) => void,
) {
  return importPublicKey(publicKeyDer(PLATFORM.publicKeyPem).der).then((key) =>
    checkWechatSignature(headers, body, {
      keys: new Map([[SERIAL, key]]),
      now: NOW,
      toleranceSeconds: 300,
      onUnknownSerial,
    })
  );
}

Deno.test("`requestMessage()` and `responseMessage()` end every line, the body's too", () => {
  assert.equal(
    requestMessage({
      method: "GET",
      url: "/v3/certificates?x=1",
      timestamp: "1554208460",
      nonce: "N",
      body: "",
    }),
    "GET\n/v3/certificates?x=1\n1554208460\nN\n\n",
  );
  assert.equal(
    responseMessage({ timestamp: "1554208460", nonce: "N", body: "{}" }),
    "1554208460\nN\n{}\n",
  );
});

Deno.test("`signMessage()` signs SHA256withRSA as other implementations verify it", async () => {
  const message = "POST\n/v3/pay/transactions/native\n1\nN\n{}\n";
  const signature = await signMessage(message, PLATFORM.privateKey);
  const verifier = createVerify("RSA-SHA256").update(message);
  assert.ok(verifier.verify(PLATFORM.publicKeyPem, signature, "base64"));

  const foreign = createSign("RSA-SHA256").update(message)
    .sign(PLATFORM.privateKeyPem, "base64");
  assert.ok(
    await verifyMessage(message, decodeBase64(foreign)!, PLATFORM.publicKey),
  );
  assert.equal(
    await verifyMessage(
      `${message} `,
      decodeBase64(foreign)!,
      PLATFORM.publicKey,
    ),
    false,
  );
});

Deno.test("`parseAuthorization()` reads what `authorizationHeader()` writes", () => {
  const parts = {
    mchId: "1900009191",
    nonce: "593BEC0C930BF1AFEB40B4A08C8FB242",
    signature: "uOVRnA4qG/MNnYzdQxJanN+zU+lTgIcnU9BxGw5dKjK+VdEUz2FeIoC+D5sB/",
    timestamp: "1554208460",
    serial: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",
  };
  const header = authorizationHeader(parts);
  assert.ok(header.startsWith('WECHATPAY2-SHA256-RSA2048 mchid="1900009191",'));
  assert.deepEqual(parseAuthorization(header), parts);
  assert.equal(parseAuthorization(null), null);
  assert.equal(parseAuthorization(`Bearer ${header}`), null);
  assert.equal(
    parseAuthorization(header.replace(',serial_no="', ',x="')),
    null,
  );
});

Deno.test("`checkWechatSignature()` accepts WeChat Pay's signature over the exact body", async () => {
  const body = '{"id":"EV-1"}';
  assert.equal(await check(await signedHeaders(body), body), null);
});

Deno.test("`checkWechatSignature()` names which check failed", async () => {
  const body = '{"id":"EV-1"}';
  const good = await signedHeaders(body);
  const without = new Headers(good);
  without.delete(WECHATPAY_HEADERS.nonce);
  assert.equal(await check(without, body), "missing_header");

  const garbled = new Headers(good);
  garbled.set(WECHATPAY_HEADERS.signature, "%%%");
  assert.equal(await check(garbled, body), "malformed_header");

  assert.equal(await check(good, `${body} `), "signature_mismatch");
  assert.equal(
    await check(await signedHeaders(body, { key: OTHER.privateKey }), body),
    "signature_mismatch",
  );

  const unknown: string[] = [];
  assert.equal(
    await check(
      await signedHeaders(body, { serial: "NEW_SERIAL" }),
      body,
      (serial) => unknown.push(serial),
    ),
    "signature_mismatch",
  );
  assert.deepEqual(unknown, ["NEW_SERIAL"]);

  const stale = String(Number(TIMESTAMP) - 301);
  assert.equal(
    await check(await signedHeaders(body, { timestamp: stale }), body),
    "stale_timestamp",
  );
});

Deno.test("`publicKeyDer()` and `privateKeyDer()` refuse keys that are not RSA", () => {
  const ec = generateKeyPairSync("ec", {
    namedCurve: "P-256",
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  assert.throws(
    () => publicKeyDer(ec.publicKey),
    /'ec', not RSA/,
  );
  assert.throws(
    () => privateKeyDer(ec.privateKey),
    /'ec', not RSA/,
  );
  assert.throws(() => publicKeyDer("-----BEGIN PUBLIC KEY-----"), TypeError);
});
