import assert from "node:assert/strict";
import { createPrivateKey, createSign } from "node:crypto";
import { generateRsaKeyPair } from "./_fake.ts";
import {
  decodeBase64,
  formatChinaTime,
  importPrivateKey,
  importPublicKey,
  notifyContent,
  parseChinaTime,
  responseContent,
  rsaKeyDer,
  sign,
  signContent,
  verify,
} from "./signature.ts";

const keys = await generateRsaKeyPair();

Deno.test("`signContent()` sorts the fields, drops `sign` and empty values, keeps raw values", () => {
  assert.equal(
    signContent({
      timestamp: "2014-07-24 03:07:50",
      app_id: "2014072300007148",
      sign: "x",
      biz_content: '{"subject":"a&b=c"}',
      notify_url: "",
      sign_type: "RSA2",
      charset: "utf-8",
    }),
    'app_id=2014072300007148&biz_content={"subject":"a&b=c"}&charset=utf-8&sign_type=RSA2&timestamp=2014-07-24 03:07:50',
  );
});

Deno.test("`notifyContent()` leaves out `sign_type` as well", () => {
  assert.equal(
    notifyContent({
      trade_status: "TRADE_SUCCESS",
      sign_type: "RSA2",
      sign: "x",
      app_id: "1",
      body: "",
    }),
    "app_id=1&trade_status=TRADE_SUCCESS",
  );
});

Deno.test("`sign()` makes what Alipay's RSA2 makes, and `verify()` checks it", async () => {
  const content = "app_id=1&subject=订单 GS-1";
  const der = rsaKeyDer(keys.privateKey, "PRIVATE KEY")!;
  const ours = await sign(await importPrivateKey(der), content);
  const theirs = createSign("RSA-SHA256").update(content, "utf8").sign(
    createPrivateKey(keys.privateKey),
    "base64",
  );
  assert.equal(ours, theirs);
  const publicKey = await importPublicKey(
    rsaKeyDer(keys.publicKey, "PUBLIC KEY")!,
  );
  const signature = decodeBase64(ours)!;
  assert.equal(await verify(publicKey, { content, signature }), true);
  assert.equal(
    await verify(publicKey, { content: `${content}.`, signature }),
    false,
  );
});

Deno.test("`rsaKeyDer()` takes PEM and bare base64 RSA keys and nothing else", async () => {
  const bare = keys.publicKey.replace(/-----[^-]+-----|\s/g, "");
  assert.ok(rsaKeyDer(keys.publicKey, "PUBLIC KEY"));
  assert.ok(rsaKeyDer(bare, "PUBLIC KEY"));
  assert.equal(rsaKeyDer(keys.publicKey, "PRIVATE KEY"), null);
  assert.equal(rsaKeyDer("not a key", "PUBLIC KEY"), null);
  const ec = await crypto.subtle.generateKey(
    { name: "ECDSA", namedCurve: "P-256" },
    true,
    ["sign", "verify"],
  );
  const spki = new Uint8Array(
    await crypto.subtle.exportKey("spki", ec.publicKey),
  );
  let binary = "";
  for (const byte of spki) binary += String.fromCharCode(byte);
  assert.equal(rsaKeyDer(btoa(binary), "PUBLIC KEY"), null);
});

Deno.test("`decodeBase64()` rejects what is not padded standard base64", () => {
  assert.deepEqual(decodeBase64("AQID"), new Uint8Array([1, 2, 3]));
  for (const text of ["", "AQI", "AQ-_", "AQ==AQ==", "not*base64"]) {
    assert.equal(decodeBase64(text), null);
  }
});

Deno.test("`formatChinaTime()` writes UTC+8, `parseChinaTime()` reads it back", () => {
  const instant = new Date("2024-12-31T16:00:01Z");
  assert.equal(formatChinaTime(instant), "2025-01-01 00:00:01");
  assert.deepEqual(parseChinaTime("2025-01-01 00:00:01"), instant);
  assert.deepEqual(
    parseChinaTime("2015-04-28 15:45:57.320"),
    new Date("2015-04-28T07:45:57.320Z"),
  );
});

Deno.test("`parseChinaTime()` rejects what names no time", () => {
  for (
    const text of [
      "",
      "2024-02-30 10:00:00",
      "2024-01-01T10:00:00",
      "2024-01-01 24:00:00",
      "1714000000",
    ]
  ) {
    assert.equal(parseChinaTime(text), null);
  }
});

Deno.test("`responseContent()` returns the member's exact text, wherever it stands", () => {
  const node =
    '{ "code":"10000", "msg":"Success","sub_msg":"退款\\"成功\\" }{" }';
  assert.equal(
    responseContent(
      `{"sign":"abc","alipay_trade_refund_response":${node}}`,
      "alipay_trade_refund_response",
    ),
    node,
  );
  assert.equal(
    responseContent(
      `{\n "alipay_trade_refund_response" : ${node} ,\n "sign":"abc"}`,
      "alipay_trade_refund_response",
    ),
    node,
  );
});

Deno.test("`responseContent()` is `null` without the member or a JSON object", () => {
  assert.equal(responseContent('{"error_response":{}}', "x_response"), null);
  assert.equal(responseContent("[1]", "x_response"), null);
  assert.equal(responseContent('{"x_response":{"a":"', "x_response"), null);
});
