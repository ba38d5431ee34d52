import assert from "node:assert/strict";
import { LANGUAGES } from "../../localization/mod.ts";
import {
  EMAIL_PAYLOADS,
  type EmailKind,
  InvalidPayloadError,
  type RenderedEmail,
  renderEmail,
  UnknownTemplateError,
} from "./mod.ts";

const PAYLOADS: Record<EmailKind, Record<string, unknown>> = {
  verify_email: {
    name: "Ada",
    url: "https://shop.example/verify?token=abc",
    expiresInHours: 24,
  },
  password_reset: {
    name: "Ada",
    url: "https://shop.example/reset?token=xyz",
    expiresInMinutes: 30,
  },
  welcome: { name: "Ada", shopUrl: "https://shop.example/" },
  order_placed: {
    name: "Ada",
    orderNumber: "G-1001",
    placedAt: "2026-03-05T10:00:00Z",
    lines: [
      {
        name: "Stoneware mug",
        quantity: 2,
        unitPrice: { amount: "12.50", currency: "EUR" },
      },
      {
        name: "Canvas tote",
        quantity: 1,
        unitPrice: { amount: "24.95", currency: "EUR" },
      },
    ],
    total: { amount: "49.95", currency: "EUR" },
    orderUrl: "https://shop.example/orders/G-1001",
  },
  order_paid: {
    name: "Ada",
    orderNumber: "G-1001",
    paidAt: "2026-03-05T10:05:00Z",
    total: { amount: "49.95", currency: "EUR" },
    orderUrl: "https://shop.example/orders/G-1001",
  },
  order_shipped: {
    name: "Ada",
    orderNumber: "G-1001",
    shippedAt: "2026-03-06T08:00:00Z",
    carrier: "DHL Express",
    trackingUrl: "https://track.example/parcel/123",
    orderUrl: "https://shop.example/orders/G-1001",
  },
  order_cancelled: {
    name: "Ada",
    orderNumber: "G-1001",
    cancelledAt: "2026-03-05T12:00:00Z",
    reason: "expired",
    total: { amount: "49.95", currency: "EUR" },
    orderUrl: "https://shop.example/orders/G-1001",
  },
  order_refunded: {
    name: "Ada",
    orderNumber: "G-1001",
    refundedAt: "2026-03-09T15:00:00Z",
    amount: { amount: "12.50", currency: "EUR" },
    totalRefunded: { amount: "12.50", currency: "EUR" },
    full: false,
    reason: "Mug arrived chipped",
    orderUrl: "https://shop.example/orders/G-1001",
  },
  low_stock: {
    name: "Ada",
    sku: "MUG-BLUE",
    productName: "Stoneware mug",
    available: 3,
    threshold: 5,
    adminUrl: "https://shop.example/admin/products/MUG-BLUE",
  },
};

const KINDS = Object.keys(EMAIL_PAYLOADS) as EmailKind[];

/** Intl separates amount and symbol with a no-break space. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, " ").replace(/\u200f/g, "");
}

function render(
  kind: EmailKind,
  language: string,
  payload: Record<string, unknown> = PAYLOADS[kind],
): RenderedEmail {
  return renderEmail({ kind, language, payload });
}

function assertBoth(email: RenderedEmail, expected: string) {
  assert.ok(plain(email.html).includes(expected), `html lacks ${expected}`);
  assert.ok(plain(email.text).includes(expected), `text lacks ${expected}`);
}

for (const language of ["en", "de", "ja", "ar"]) {
  for (const kind of KINDS) {
    Deno.test(`renderEmail() renders '${kind}' in ${language}`, () => {
      const email = render(kind, language);
      assert.ok(email.subject.length > 0);
      assert.ok(!email.subject.includes("{{"), email.subject);
      assert.match(email.html, new RegExp(`<html lang="${language}" dir=`));
      assert.match(email.html, /max-width:600px/);
      assertBoth(email, "Ada");
      assertBoth(email, "Globex Store");
      const payload = PAYLOADS[kind];
      for (
        const field of ["url", "shopUrl", "orderUrl", "trackingUrl", "adminUrl"]
      ) {
        if (typeof payload[field] === "string") {
          const url = payload[field] as string;
          assert.ok(email.html.includes(`href="${url}"`), `no link ${url}`);
          assert.ok(email.text.includes(url), `text lacks ${url}`);
        }
      }
      if ("orderNumber" in payload) {
        assert.ok(email.subject.includes("G-1001"), email.subject);
        assertBoth(email, "G-1001");
      }
    });
  }
}

Deno.test("renderEmail() writes the English texts", () => {
  const verify = render("verify_email", "en");
  assert.equal(verify.subject, "Confirm your email address");
  assertBoth(verify, "This link expires in 24 hours.");
  const reset = render("password_reset", "en");
  assert.equal(reset.subject, "Reset your password");
  assertBoth(
    reset,
    "If you did not ask for this, ignore this email; your password stays the same.",
  );
  assertBoth(reset, "This link expires in 30 minutes.");
  assert.equal(render("welcome", "en").subject, "Welcome to Globex Store");
  const placed = render("order_placed", "en", {
    ...PAYLOADS.order_placed,
    lines: [{
      name: "Mug",
      quantity: 3,
      unitPrice: { amount: "16.65", currency: "USD" },
    }],
    total: { amount: "49.95", currency: "USD" },
  });
  assertBoth(placed, "3 items");
  assertBoth(placed, "3 × $16.65");
  assertBoth(placed, "$49.95");
  assertBoth(placed, "March 5, 2026");
});

Deno.test("renderEmail() formats money and dates for German", () => {
  const placed = render("order_placed", "de");
  assert.equal(
    placed.subject,
    "Wir haben Ihre Bestellung G-1001 erhalten",
  );
  assertBoth(placed, "49,95 €");
  assertBoth(placed, "2 × 12,50 €");
  assertBoth(placed, "25,00 €"); // the line: 2 × 12,50 €
  assertBoth(placed, "5. März 2026");
  assertBoth(placed, "3 Artikel");
  assertBoth(render("order_paid", "de"), "49,95 €");
  assertBoth(
    render("password_reset", "de"),
    "Ihr Passwort bleibt unverändert",
  );
});

Deno.test("renderEmail() formats yen for Japanese", () => {
  const payload = {
    ...PAYLOADS.order_placed,
    lines: [{
      name: "湯呑み",
      quantity: 1,
      unitPrice: { amount: "1980", currency: "JPY" },
    }],
    total: { amount: "1980", currency: "JPY" },
  };
  const placed = render("order_placed", "ja", payload);
  assertBoth(placed, "￥1,980");
  assertBoth(placed, "2026年3月5日");
  assertBoth(placed, "1点");
  assert.equal(placed.subject, "ご注文（G-1001）を承りました");
  assertBoth(
    render("order_paid", "ja", {
      ...PAYLOADS.order_paid,
      total: { amount: "1980", currency: "JPY" },
    }),
    "￥1,980",
  );
});

Deno.test("renderEmail() explains each cancellation reason", () => {
  const expired = render("order_cancelled", "de");
  assert.equal(expired.subject, "Ihre Bestellung G-1001 wurde storniert");
  assertBoth(expired, "Ihre Bestellung G-1001 storniert");
  assertBoth(expired, "nicht rechtzeitig eingegangen");
  assertBoth(expired, "Ihnen wurde nichts berechnet.");
  assertBoth(expired, "49,95 €");
  assertBoth(expired, "5. März 2026");
  const reason = (reason: string) =>
    render("order_cancelled", "en", { ...PAYLOADS.order_cancelled, reason });
  const customer = reason("customer");
  assert.equal(customer.subject, "Your order G-1001 has been cancelled");
  assertBoth(
    customer,
    "As you requested, we have cancelled your order G-1001.",
  );
  assertBoth(customer, "You have not been charged.");
  assertBoth(reason("expired"), "You have not been charged.");
  const admin = reason("admin");
  assertBoth(admin, "we had to cancel your order G-1001");
  assertBoth(admin, "we will refund the full amount");
  assert.ok(!admin.text.includes("You have not been charged."));
  assertBoth(admin, "€49.95");
});

Deno.test("renderEmail() tells a partial refund from a full one", () => {
  const partial = render("order_refunded", "en");
  assert.equal(partial.subject, "Refund of €12.50 for your order G-1001");
  assertBoth(partial, "We have refunded €12.50 for your order G-1001");
  assertBoth(partial, "a few business days");
  assertBoth(partial, "Mug arrived chipped");
  assert.ok(partial.text.includes("Reason: Mug arrived chipped"));
  assertBoth(partial, "March 9, 2026");
  assertBoth(partial, "Your order is now partially refunded.");
  assert.ok(!partial.text.includes("fully refunded"), partial.text);
  const full = render("order_refunded", "en", {
    ...PAYLOADS.order_refunded,
    amount: { amount: "37.45", currency: "EUR" },
    totalRefunded: { amount: "49.95", currency: "EUR" },
    full: true,
    reason: undefined,
  });
  assert.equal(full.subject, "Refund of €37.45 for your order G-1001");
  assertBoth(full, "€49.95");
  assert.ok(full.text.includes("Total refunded: €49.95"), full.text);
  assertBoth(full, "Your order is now fully refunded.");
  assert.ok(!full.text.includes("partially refunded"), full.text);
  assert.ok(!full.text.includes("Reason"), full.text);
  const de = render("order_refunded", "de");
  assert.equal(
    plain(de.subject),
    "Erstattung von 12,50 € für Ihre Bestellung G-1001",
  );
  assertBoth(de, "12,50 €");
  assert.ok(plain(de.text).includes("Erstattungsbetrag: 12,50 €"));
  assertBoth(de, "9. März 2026");
  assertBoth(de, "teilweise erstattet");
  assert.notEqual(
    render("order_refunded", "de", { ...PAYLOADS.order_refunded, full: true })
      .text,
    de.text,
  );
  assertBoth(
    render("order_refunded", "ja", {
      ...PAYLOADS.order_refunded,
      amount: { amount: "1980", currency: "JPY" },
      totalRefunded: { amount: "1980", currency: "JPY" },
    }),
    "￥1,980",
  );
  const reason = "<b>Damaged</b> & returned";
  const escaped = render("order_refunded", "en", {
    ...PAYLOADS.order_refunded,
    reason,
  });
  assert.ok(!escaped.html.includes(reason));
  assert.ok(escaped.html.includes("&lt;b&gt;Damaged&lt;/b&gt; &amp; returned"));
  assert.ok(escaped.text.includes(reason));
});

Deno.test("renderEmail() alerts the team to low and sold-out stock", () => {
  const { name: _, ...team } = PAYLOADS.low_stock;
  const low = render("low_stock", "en", team);
  assert.equal(low.subject, "Low stock: MUG-BLUE (3 left)");
  assertBoth(low, "Hello Team,");
  assertBoth(
    low,
    "Only 3 units of Stoneware mug (MUG-BLUE) are left in stock.",
  );
  assert.equal(
    render("low_stock", "en", { ...team, available: 1 }).subject,
    "Low stock: MUG-BLUE (1 left)",
  );
  const soldOut = render("low_stock", "en", { ...team, available: 0 });
  assert.equal(soldOut.subject, "Sold out: MUG-BLUE");
  assertBoth(soldOut, "Stoneware mug (MUG-BLUE) is sold out");
  assert.ok(!soldOut.text.includes("left in stock"), soldOut.text);
  assertBoth(
    render("low_stock", "de", { ...team, available: 0 }),
    "ausverkauft",
  );
  assertBoth(render("low_stock", "ar", { ...team, available: 2 }), "قطعتين");
});

Deno.test("renderEmail() writes Arabic right to left with Arabic plurals", () => {
  const placed = render("order_placed", "ar");
  assert.match(placed.html, /<html lang="ar" dir="rtl">/);
  assert.match(placed.html, /dir="rtl"[^>]*max-width:600px/);
  assert.match(placed.html, /text-align:right/);
  assertBoth(placed, "3 منتجات");
  assertBoth(render("verify_email", "ar"), "بعد 24 ساعة");
  assertBoth(
    render("verify_email", "ar", {
      ...PAYLOADS.verify_email,
      expiresInHours: 2,
    }),
    "بعد ساعتين",
  );
  assert.match(render("order_paid", "en").html, /dir="ltr"/);
});

Deno.test("renderEmail() escapes values in HTML and keeps them in text", () => {
  const name = "<script>alert(1)</script>";
  for (const kind of KINDS) {
    const email = render(kind, "en", { ...PAYLOADS[kind], name });
    assert.ok(!email.html.includes(name), `${kind}: raw name in html`);
    assert.ok(
      email.html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"),
      `${kind}: escaped name missing`,
    );
    assert.ok(email.text.includes(name), `${kind}: name not verbatim in text`);
  }
  const email = renderEmail({
    kind: "order_shipped",
    language: "en",
    payload: {
      ...PAYLOADS.order_shipped,
      carrier: `"Fast" & <Co>`,
      trackingUrl: `https://track.example/?a=1&b='x'`,
    },
  }, { storeName: "Tom & Jerry's <Shop>" });
  assert.ok(email.html.includes("&quot;Fast&quot; &amp; &lt;Co&gt;"));
  assert.ok(email.html.includes(`href="https://track.example/?a=1&amp;b=`));
  assert.ok(email.html.includes("Tom &amp; Jerry&#39;s &lt;Shop&gt;"));
  assert.ok(!email.html.includes("<Shop>"));
  assert.ok(email.text.includes("Tom & Jerry's <Shop>"));
  assert.ok(email.text.includes(`"Fast" & <Co>`));
});

Deno.test("renderEmail() does not interpolate placeholders inside values", () => {
  const email = render("welcome", "en", {
    ...PAYLOADS.welcome,
    name: "{{store}} $t(email.welcome.subject)",
  });
  assert.ok(email.text.includes("Hello {{store}} $t(email.welcome.subject),"));
});

Deno.test("renderEmail() refuses links that are not http(s)", () => {
  for (
    const url of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,hi",
      "/relative/path",
      " https://shop.example/",
      "https://shop.example/\nx",
    ]
  ) {
    assert.throws(
      () => render("verify_email", "en", { ...PAYLOADS.verify_email, url }),
      InvalidPayloadError,
      url,
    );
  }
  assert.throws(
    () =>
      render("order_shipped", "en", {
        ...PAYLOADS.order_shipped,
        trackingUrl: "javascript:alert(document.cookie)",
      }),
    (error: unknown) =>
      error instanceof InvalidPayloadError && error.kind === "order_shipped" &&
      error.issues.some((issue) => issue.path[0] === "trackingUrl"),
  );
});

Deno.test("renderEmail() throws UnknownTemplateError for an unknown kind", () => {
  assert.throws(
    () => renderEmail({ kind: "order_exploded", language: "en", payload: {} }),
    (error: unknown) =>
      error instanceof UnknownTemplateError && error.kind === "order_exploded",
  );
  // Inherited object keys are not templates either.
  assert.throws(
    () => renderEmail({ kind: "toString", language: "en", payload: {} }),
    UnknownTemplateError,
  );
});

Deno.test("renderEmail() throws InvalidPayloadError for a bad payload", () => {
  const bad: [EmailKind, unknown][] = [
    ["verify_email", { name: "Ada", url: "https://shop.example/" }],
    ["welcome", null],
    ["password_reset", { ...PAYLOADS.password_reset, expiresInMinutes: -5 }],
    ["order_paid", { ...PAYLOADS.order_paid, paidAt: "yesterday" }],
    // JPY has no minor unit: never rounded away.
    ["order_paid", {
      ...PAYLOADS.order_paid,
      total: { amount: "1980.5", currency: "JPY" },
    }],
    ["order_paid", {
      ...PAYLOADS.order_paid,
      total: { amount: 49.95, currency: "EUR" },
    }],
    ["order_placed", { ...PAYLOADS.order_placed, lines: [] }],
    ["order_cancelled", { ...PAYLOADS.order_cancelled, reason: "lost" }],
    ["order_refunded", { ...PAYLOADS.order_refunded, full: "yes" }],
    ["order_refunded", { ...PAYLOADS.order_refunded, reason: "x".repeat(501) }],
    ["order_refunded", {
      ...PAYLOADS.order_refunded,
      amount: { amount: "0", currency: "EUR" },
    }],
    ["order_refunded", {
      ...PAYLOADS.order_refunded,
      totalRefunded: { amount: "12.50", currency: "USD" },
    }],
    ["order_refunded", {
      ...PAYLOADS.order_refunded,
      totalRefunded: { amount: "10.00", currency: "EUR" },
    }],
    ["low_stock", { ...PAYLOADS.low_stock, available: -1 }],
    ["low_stock", { ...PAYLOADS.low_stock, threshold: 2.5 }],
    ["low_stock", { ...PAYLOADS.low_stock, adminUrl: "javascript:alert(1)" }],
    ["order_placed", {
      ...PAYLOADS.order_placed,
      total: { amount: "49.95", currency: "USD" },
    }],
  ];
  for (const [kind, payload] of bad) {
    assert.throws(
      () => renderEmail({ kind, language: "en", payload }),
      (error: unknown) =>
        error instanceof InvalidPayloadError && error.kind === kind,
      `${kind}: ${JSON.stringify(payload)}`,
    );
  }
});

Deno.test("renderEmail() falls back to English for an unknown language", () => {
  const english = render("password_reset", "en");
  for (const language of ["xx", "pt-BR", ""]) {
    const email = render("password_reset", language);
    assert.equal(email.subject, english.subject);
    assert.equal(email.text, english.text);
    assert.match(email.html, /<html lang="en" dir="ltr">/);
  }
  // A regional tag of a store language uses that language.
  assert.equal(
    render("password_reset", "de-AT").subject,
    render("password_reset", "de").subject,
  );
});

Deno.test("renderEmail() uses the storeName option", () => {
  const email = renderEmail(
    { kind: "welcome", language: "fr", payload: PAYLOADS.welcome },
    { storeName: "Maison Exemple" },
  );
  assert.equal(email.subject, "Bienvenue chez Maison Exemple");
  assert.ok(!email.html.includes("Globex"));
});

Deno.test("no template leaves an untranslated key in any language", () => {
  for (const language of LANGUAGES) {
    for (const kind of KINDS) {
      const payloads = [PAYLOADS[kind]];
      if (kind === "order_shipped") {
        payloads.push({
          ...PAYLOADS.order_shipped,
          carrier: undefined,
          trackingUrl: undefined,
        });
      }
      if (kind === "order_cancelled") {
        for (const reason of ["customer", "admin"]) {
          payloads.push({ ...PAYLOADS.order_cancelled, reason });
        }
      }
      if (kind === "order_refunded") {
        payloads.push({
          ...PAYLOADS.order_refunded,
          full: true,
          reason: undefined,
        });
      }
      if (kind === "low_stock") {
        for (const available of [0, 1, 2, 5, 11, 100]) {
          payloads.push({ ...PAYLOADS.low_stock, available, name: undefined });
        }
      }
      for (const payload of payloads) {
        const email = render(kind, language, payload);
        for (const part of [email.subject, email.html, email.text]) {
          assert.ok(!/\bemail\.\w/.test(part), `${language} ${kind}: ${part}`);
          assert.ok(!part.includes("{{"), `${language} ${kind}`);
        }
      }
    }
  }
});

Deno.test("every language translates the email texts", () => {
  const english = render("order_placed", "en");
  for (const language of LANGUAGES.filter((l) => l !== "en")) {
    const email = render("order_placed", language);
    assert.notEqual(email.subject, english.subject, language);
    assert.notEqual(email.text, english.text, language);
  }
});
