import assert from "node:assert/strict";
import {
  EMPTY_SHA256,
  parseAuthorization,
  sha256Hex,
  signatureOf,
  signV4,
} from "./sigv4.ts";

// The credentials of AWS's Signature Version 4 test suite.
const SUITE = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "service",
};
const SUITE_DATE = new Date("2015-08-30T12:36:00Z");

Deno.test("`signV4()` matches AWS's test suite: get-vanilla", async () => {
  const signed = await signV4(
    {
      method: "GET",
      url: new URL("https://example.amazonaws.com/"),
      headers: {},
      payloadHash: await sha256Hex(""),
    },
    SUITE,
    SUITE_DATE,
  );
  assert.equal(
    signed.canonicalRequest,
    "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n" +
      `host;x-amz-date\n${EMPTY_SHA256}`,
  );
  assert.equal(
    signed.authorization,
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
      "SignedHeaders=host;x-amz-date, " +
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
  );
  assert.deepEqual(signed.headers, {
    "x-amz-date": "20150830T123600Z",
    authorization: signed.authorization,
  });
});

Deno.test("`signV4()` matches AWS's test suite: get-vanilla-query-order-key-case", async () => {
  const signed = await signV4(
    {
      method: "GET",
      url: new URL(
        "https://example.amazonaws.com/?Param2=value2&Param1=value1",
      ),
      headers: {},
      payloadHash: EMPTY_SHA256,
    },
    SUITE,
    SUITE_DATE,
  );
  assert.equal(
    signed.signature,
    "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
  );
});

Deno.test("`signV4()` matches the S3 documentation's GET Object example", async () => {
  const signed = await signV4({
    method: "GET",
    url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
    headers: { Range: "bytes=0-9", "x-amz-content-sha256": EMPTY_SHA256 },
    payloadHash: EMPTY_SHA256,
  }, {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    region: "us-east-1",
    service: "s3",
  }, new Date("2013-05-24T00:00:00Z"));
  assert.equal(
    signed.canonicalRequest,
    [
      "GET",
      "/test.txt",
      "",
      "host:examplebucket.s3.amazonaws.com",
      "range:bytes=0-9",
      `x-amz-content-sha256:${EMPTY_SHA256}`,
      "x-amz-date:20130524T000000Z",
      "",
      "host;range;x-amz-content-sha256;x-amz-date",
      EMPTY_SHA256,
    ].join("\n"),
  );
  assert.equal(
    signed.stringToSign,
    "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" +
      "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
  );
  assert.equal(
    signed.signature,
    "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  );
});

Deno.test("`parseAuthorization()` reads back what `signV4()` wrote, and a verifier can recompute it", async () => {
  const url = new URL("http://127.0.0.1:9000/bucket/a%20b.png");
  const signed = await signV4(
    {
      method: "PUT",
      url,
      headers: { "content-type": "image/png", "x-amz-content-sha256": "abc" },
      payloadHash: "abc",
    },
    { ...SUITE, service: "s3" },
    SUITE_DATE,
  );
  const parsed = parseAuthorization(signed.authorization)!;
  assert.deepEqual(parsed.signedHeaders, [
    "content-type",
    "host",
    "x-amz-content-sha256",
    "x-amz-date",
  ]);
  assert.equal(parsed.date, "20150830");
  // What a server recomputes: the headers it received (host included),
  // without the authorization header itself.
  const { authorization: _, ...sent } = signed.headers;
  const verified = await signatureOf(
    {
      method: "PUT",
      url,
      headers: { ...sent, host: "127.0.0.1:9000" },
      payloadHash: "abc",
    },
    { ...SUITE, service: "s3" },
    sent["x-amz-date"],
  );
  assert.equal(verified.signature, signed.signature);
  assert.equal(parseAuthorization("Bearer x"), null);
});
