import assert from "node:assert/strict";
import {
  checkPassword,
  hashPassword,
  needsRehash,
  PASSWORD_HASH_PARAMS,
  verifyPassword,
  verifyPasswordForUnknownUser,
} from "./mod.ts";
import { hashPasswordWith, parsePasswordHash } from "./passwords.ts";
import { commonPasswords } from "./_common_passwords.ts";

// Cheap parameters for tests about format and parsing, not about cost.
const CHEAP = { m: 64, t: 1, p: 1 };

const PHC =
  /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

Deno.test("hashPassword() writes an argon2id PHC string that verifyPassword() accepts", async () => {
  const stored = await hashPassword("correct horse battery staple");
  assert.match(stored, PHC);
  assert.equal(
    await verifyPassword("correct horse battery staple", stored),
    true,
  );
  assert.equal(
    await verifyPassword("correct horse battery stapler", stored),
    false,
  );
  assert.equal(await verifyPassword("", stored), false);
  assert.equal(needsRehash(stored), false);
});

Deno.test("hashPassword() salts every hash differently", async () => {
  const [a, b] = await Promise.all([
    hashPasswordWith("same password", CHEAP),
    hashPasswordWith("same password", CHEAP),
  ]);
  assert.notEqual(a, b);
  const [infoA, infoB] = [parsePasswordHash(a)!, parsePasswordHash(b)!];
  assert.notDeepEqual(infoA.salt, infoB.salt);
  assert.notDeepEqual(infoA.hash, infoB.hash);
  assert.equal(await verifyPassword("same password", a), true);
  assert.equal(await verifyPassword("same password", b), true);
});

Deno.test("verifyPassword() accepts the argon2 reference implementation's vectors", async () => {
  // From the reference implementation's test suite (phc-winner-argon2,
  // src/test.c): password "password", salt "somesalt", 256 KiB, t = 2.
  const vectors = [
    "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
    "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
  ];
  for (const stored of vectors) {
    assert.equal(await verifyPassword("password", stored), true, stored);
    assert.equal(await verifyPassword("Password", stored), false, stored);
    // An 8-byte salt and 256 KiB are far below what new hashes get.
    assert.equal(needsRehash(stored), true, stored);
  }
});

Deno.test("parsePasswordHash() reads the stored parameters, salt and hash", async () => {
  const stored = await hashPasswordWith("pw", { m: 128, t: 3, p: 2 });
  assert.match(stored, /^\$argon2id\$v=19\$m=128,t=3,p=2\$/);
  const info = parsePasswordHash(stored)!;
  assert.equal(info.version, 19);
  assert.equal(info.m, 128);
  assert.equal(info.t, 3);
  assert.equal(info.p, 2);
  assert.equal(info.salt.length, 16);
  assert.equal(info.hash.length, 32);
  // verifyPassword uses the stored parameters, not the current ones.
  assert.equal(await verifyPassword("pw", stored), true);
});

Deno.test("verifyPassword() uses the stored output length", async () => {
  const stored = await hashPasswordWith("pw", CHEAP);
  const info = parsePasswordHash(stored)!;
  const salt = info.salt.toBase64({ omitPadding: true });
  const short = info.hash.subarray(0, 16).toBase64({ omitPadding: true });
  // A 16-byte argon2 output is not a prefix of the 32-byte one (the length
  // is an input to the derivation), so this must not verify.
  const truncated = `$argon2id$v=19$m=64,t=1,p=1$${salt}$${short}`;
  assert.equal(await verifyPassword("pw", truncated), false);
  assert.equal(needsRehash(truncated), true);
});

Deno.test("needsRehash() flags hashes below the current parameters", async () => {
  const { m, t, p } = PASSWORD_HASH_PARAMS;
  const lowMemory = await hashPasswordWith("pw", { m: 64, t, p });
  const fewPasses = await hashPasswordWith("pw", { m, t: 1, p });
  assert.equal(needsRehash(lowMemory), true);
  assert.equal(needsRehash(fewPasses), true);
  // Still verifiable, so a login can re-hash it with the current ones.
  assert.equal(await verifyPassword("pw", lowMemory), true);
  const current = await hashPassword("pw");
  assert.equal(needsRehash(current), false);
  const stronger = current.replace("m=19456,t=2", "m=19456,t=3");
  assert.equal(needsRehash(stronger), false);
  assert.equal(needsRehash("not a hash"), true);
});

Deno.test("verifyPassword() answers false for malformed stored strings and never throws", async () => {
  const good = await hashPasswordWith("pw", CHEAP);
  const [, , , , salt, hash] = good.split("$");
  const malformed: unknown[] = [
    "",
    "password",
    "$argon2id$",
    good.slice(0, -1) + "!",
    good + "$",
    good.replace("argon2id", "argon2i"),
    good.replace("argon2id", "argon2d"),
    good.replace("v=19", "v=16"),
    good.replace("v=19", "v=019"),
    good.replace("m=64", "m=0"),
    good.replace("m=64", "m=064"),
    good.replace("m=64", "m=4"), // below 8 KiB per lane
    good.replace("m=64", "m=99999999"), // above the memory cap
    good.replace("t=1", "t=0"),
    good.replace("t=1", "t=1000"),
    good.replace("p=1", "p=0"),
    good.replace("p=1", "p=64"),
    good.replace("m=64,t=1,p=1", "t=1,m=64,p=1"),
    `$argon2id$v=19$m=64,t=1,p=1$${salt}=$${hash}`, // padded
    `$argon2id$v=19$m=64,t=1,p=1$${salt}$${hash.slice(0, -1)}_`, // base64url
    `$argon2id$v=19$m=64,t=1,p=1$${salt}$${hash.slice(0, -1)}-`,
    `$argon2id$v=19$m=64,t=1,p=1$$${hash}`,
    `$argon2id$v=19$m=64,t=1,p=1$c2FsdA$${hash}`, // 4-byte salt
    `$argon2id$v=19$m=64,t=1,p=1$${salt}$AAAA`, // 3-byte hash
    `$argon2id$v=19$m=64,t=1,p=1$${salt.slice(0, -1)}B$${hash}`, // stray bits
    "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", // bcrypt
    null,
    undefined,
    42,
  ];
  for (const stored of malformed) {
    assert.equal(
      await verifyPassword("pw", stored as string),
      false,
      `verifyPassword() accepted ${String(stored)}`,
    );
    assert.equal(parsePasswordHash(stored as string), undefined);
  }
  assert.equal(await verifyPassword(null as unknown as string, good), false);
  assert.equal(await verifyPassword("pw", good), true);
});

Deno.test("verifyPasswordForUnknownUser() takes a real verification's time and answers false", async () => {
  assert.equal(await verifyPasswordForUnknownUser("anything"), false);
  const started = performance.now();
  assert.equal(await verifyPasswordForUnknownUser("anything"), false);
  const spent = performance.now() - started;
  const stored = await hashPassword("anything");
  const verifyStarted = performance.now();
  await verifyPassword("anything", stored);
  const verifySpent = performance.now() - verifyStarted;
  assert.ok(
    spent > verifySpent / 3,
    `unknown user ${spent.toFixed(0)} ms vs verify ${
      verifySpent.toFixed(0)
    } ms`,
  );
});

Deno.test("hashPassword() keeps the event loop responsive while it runs", async () => {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 5);
  const started = performance.now();
  last = started;
  try {
    await hashPassword("keep serving other requests");
  } finally {
    clearInterval(timer);
  }
  const total = performance.now() - started;
  const longest = Math.max(...gaps);
  console.log(
    `hash ${total.toFixed(0)} ms, ${gaps.length} ticks, ` +
      `longest gap ${longest.toFixed(1)} ms`,
  );
  assert.ok(gaps.length >= 10, `only ${gaps.length} ticks in ${total} ms`);
  assert.ok(
    longest < total / 4,
    `event loop stalled ${longest.toFixed(1)} ms of ${total.toFixed(0)} ms`,
  );
});

Deno.test("hashPassword() normalizes Unicode so composed and decomposed forms match", async () => {
  const composed = "caf\u00e9-pass-word";
  const decomposed = "cafe\u0301-pass-word";
  const stored = await hashPasswordWith(composed, CHEAP);
  assert.equal(await verifyPassword(decomposed, stored), true);
  // Full-width Latin (typed with a Japanese IME) is the same password.
  const fullWidth = await hashPasswordWith("ｐａｓｓｗｏｒｄ", CHEAP);
  assert.equal(await verifyPassword("password", fullWidth), true);
});

Deno.test("checkPassword() counts code points, not UTF-16 units or bytes", async () => {
  assert.deepEqual(await checkPassword("zq8#Lm2!vx"), []);
  assert.deepEqual(await checkPassword("zq8#Lm2!v"), ["too_short"]);
  // Ten Japanese characters pass; nine do not.
  assert.deepEqual(await checkPassword("秋の夜長に月見団子"), ["too_short"]);
  assert.deepEqual(await checkPassword("秋の夜長に月見団子を"), []);
  // Cyrillic, Arabic, Devanagari.
  assert.deepEqual(await checkPassword("щёткаЖгучая"), []);
  assert.deepEqual(await checkPassword("كلمةسرطويلة"), []);
  assert.deepEqual(await checkPassword("नमस्तेदुनिया"), []);
  // Five emoji are ten UTF-16 units but five code points.
  assert.deepEqual(await checkPassword("🍣🍜🍱🍙🍘"), ["too_short"]);
  assert.deepEqual(await checkPassword("🍣🍜🍱🍙🍘🍡🍢🍥🥟🥠"), []);
  assert.deepEqual(await checkPassword(""), ["too_short"]);
});

Deno.test("checkPassword() refuses more than 128 code points", async () => {
  assert.deepEqual(await checkPassword("x7Kq".repeat(32)), []);
  assert.deepEqual(await checkPassword("x7Kq".repeat(32) + "z"), ["too_long"]);
  assert.deepEqual(await checkPassword("鍵".repeat(129)), ["too_long"]);
});

Deno.test("checkPassword() finds common passwords whatever their case", async () => {
  for (
    const password of [
      "password",
      "PASSWORD",
      "123456",
      "qwertyuiop",
      "1234567890",
      "iloveyou",
      "Welcome",
      "letmein",
      "football",
      "1q2w3e4r5t",
    ]
  ) {
    assert.ok(
      (await checkPassword(password)).includes("common"),
      `${password} not found common`,
    );
  }
});

Deno.test("checkPassword() finds common passwords with digits or symbols around them", async () => {
  for (
    const password of [
      "Password123!",
      "password2024",
      "Qwerty!!!!!!",
      "iloveyou12345",
      "Football1987!",
      "1234Dragon5678",
      "!!Sunshine!!",
      "Abc123!!!!!!", // core "abc123" is itself on the list
      "Ｐａｓｓｗｏｒｄ１２３４", // full-width, NFKC to "Password1234"
    ]
  ) {
    assert.deepEqual(await checkPassword(password), ["common"], password);
  }
  for (
    const password of [
      "purple-tiger-91-lamp",
      "Xk93!hfQ2#mZ",
      "92837465019283", // digits only are judged whole, not by substrings
      "correct horse battery staple",
    ]
  ) {
    assert.deepEqual(await checkPassword(password), [], password);
  }
});

Deno.test("checkPassword() refuses a password containing the account's email", async () => {
  const email = "Hanako.Yamada+shop@example.jp";
  assert.deepEqual(
    await checkPassword("HANAKO.YAMADA+SHOP@EXAMPLE.JP", { email }),
    ["contains_email"],
  );
  assert.deepEqual(
    await checkPassword("my-hanako.yamada-pw", { email }),
    ["contains_email"],
  );
  assert.deepEqual(await checkPassword("zq8#Lm2!vx", { email }), []);
  // A very short local part is not held against the password.
  assert.deepEqual(
    await checkPassword("jo-zq8#Lm2!vx", { email: "jo@example.com" }),
    [],
  );
});

Deno.test("checkPassword() refuses a password containing the account's name", async () => {
  assert.deepEqual(
    await checkPassword("Gonzalez-rocks-77", { name: "María González" }),
    [],
  );
  assert.deepEqual(
    await checkPassword("gonzález-rocks-77", { name: "María González" }),
    ["contains_name"],
  );
  assert.deepEqual(
    await checkPassword("山田のひみつのあいことば", { name: "山田 花子" }),
    ["contains_name"],
  );
  assert.deepEqual(
    await checkPassword("김민준비밀번호입니다요", { name: "김민준" }),
    ["contains_name"],
  );
  // Two Latin letters are too common to count.
  assert.deepEqual(
    await checkPassword("blue-lizard-Li-42", { name: "Li Wei" }),
    [],
  );
});

Deno.test("checkPassword() lists every problem at once", async () => {
  assert.deepEqual(
    await checkPassword("Anna1", { email: "anna1@example.com", name: "Anna" }),
    ["too_short", "common", "contains_email", "contains_name"],
  );
});

Deno.test("the bundled common-password list is large and lowercase", async () => {
  const list = await commonPasswords();
  assert.ok(list.size > 40_000, `only ${list.size} entries`);
  for (const entry of list) assert.equal(entry, entry.toLowerCase());
  assert.equal(await commonPasswords(), list);
});
