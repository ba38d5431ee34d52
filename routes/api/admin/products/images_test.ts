import assert from "node:assert/strict";
import { png } from "../../../../commerce/media/_test_images.ts";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import type { Store } from "../../../../edge/server.ts";
import {
  assertBadRequest,
  assertStaffOnly,
  auditOf,
  client,
} from "../_test_util.ts";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** `POST /api/admin/media` with one PNG; answers the upload's JSON. */
async function uploadPng(
  store: Store,
  options: { token: string; width: number; height: number },
) {
  const form = new FormData();
  form.append(
    "file",
    new File([await png(options.width, options.height)], "photo.png", {
      type: "image/png",
    }),
  );
  const response = await store.app.request("/api/admin/media", {
    method: "POST",
    headers: { authorization: `Bearer ${options.token}` },
    body: form,
  });
  const json = await response.json();
  assert.equal(response.status, 201, JSON.stringify(json));
  return json as { key: string; url: string };
}

/** The storefront's product page, as a shopper's browser gets it. */
async function productPage(store: Store, path: string): Promise<string> {
  const response = await store.app.request(path, {
    headers: { accept: "text/html" },
  });
  assert.equal(response.status, 200, path);
  return await response.text();
}

Deno.test({
  name:
    "product images: attach an upload, reorder, remove; audited, on the storefront at once",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const api = client(store, admin.token);
      const products = await api.get("/api/admin/products?q=mug");
      const mug = products.json.items.find((p: { key: string }) =>
        p.key === "mug"
      );
      const base = `/api/admin/products/${mug.id}/images`;
      const { copy } = (await api.get(`/api/admin/products/${mug.id}`)).json;
      const slug = copy.en.slug;
      const page = `/en/p/${slug}`;
      const audit = () =>
        auditOf(store, {
          token: admin.token,
          entityType: "product",
          entityId: mug.id,
        });
      const upload = await uploadPng(store, {
        token: admin.token,
        width: 8,
        height: 6,
      });
      let attachedId = "";

      await t.step(
        "only staff with catalog:write may attach, reorder or remove",
        async () => {
          for (
            const [method, path, body] of [
              ["POST", base, { key: upload.key }],
              ["PUT", base, { imageIds: [UNKNOWN] }],
              ["DELETE", `${base}/${UNKNOWN}`, undefined],
            ] as const
          ) {
            await assertStaffOnly(store, {
              customerToken: customer.token,
              method,
              path,
              body,
            });
          }
          assert.deepEqual(
            (await api.get(`/api/admin/products/${mug.id}`)).json.images,
            [],
            "nothing attached",
          );
        },
      );

      await t.step(
        "an attached upload shows on the storefront's next request, audited",
        async () => {
          // Cached first, so the write has to retire it.
          assert.ok(!(await productPage(store, page)).includes(upload.url));
          const attached = await api.post(base, {
            key: upload.key,
            alt: {
              en: "  A black mug on a shelf ",
              de: "Ein schwarzer Becher",
            },
          });
          assert.equal(attached.status, 201, JSON.stringify(attached.json));
          attachedId = attached.json.id;
          assert.deepEqual(attached.json, {
            id: attachedId,
            key: upload.key,
            url: upload.url,
            alt: { en: "A black mug on a shelf", de: "Ein schwarzer Becher" },
            position: 0,
          });

          const html = await productPage(store, page);
          assert.ok(html.includes(`src="${upload.url}"`), "the image shows");
          assert.ok(html.includes('alt="A black mug on a shelf"'));
          const german = await productPage(store, `/de/p/${copy.de.slug}`);
          assert.ok(german.includes('alt="Ein schwarzer Becher"'));

          const [entry] = await audit();
          assert.equal(entry.action, "product.image.attach");
          assert.equal(entry.actorId, admin.id);
          assert.equal(entry.after.image.id, attachedId);
          assert.equal(entry.after.image.key, upload.key);
          assert.equal(entry.before ?? null, null);

          const again = await api.post(base, { key: upload.key });
          assert.equal(again.status, 409);
          assert.equal(again.json.error.code, "image_already_attached");
          assert.equal(again.json.error.details.imageId, attachedId);
        },
      );

      await t.step(
        "keys that name no upload or drawing, and bad bodies, are 400",
        async () => {
          const before = (await audit()).length;
          assertBadRequest(
            await api.post(base, { key: `${"a".repeat(64)}.png` }),
            "unknown_media",
          );
          assertBadRequest(
            await api.post(base, { key: "mug--nordic-mug--plaid--1" }),
            "unknown_media",
          );
          const cases: unknown[] = [
            {},
            { key: "" },
            { key: "../../etc/passwd" },
            { key: upload.key, alt: { xx: "?" } },
            { key: upload.key, alt: { en: "x".repeat(301) } },
            { key: upload.key, position: 1 },
          ];
          for (const body of cases) {
            const answer = await api.post(base, body);
            assertBadRequest(answer, "validation_failed");
            assert.ok(Array.isArray(answer.json.error.details));
          }
          const missing = await api.post(base, { key: undefined });
          assert.equal(missing.json.error.details[0].path, "key");
          assert.equal(
            (await api.post(`/api/admin/products/${UNKNOWN}/images`, {
              key: upload.key,
            })).status,
            404,
          );
          assert.equal(
            (await api.post("/api/admin/products/nope/images", {
              key: upload.key,
            })).status,
            404,
          );
          assert.equal((await audit()).length, before, "nothing audited");
        },
      );

      await t.step(
        "a drawing attaches too; the order decides the storefront's first image",
        async () => {
          const drawing = await api.post(base, {
            key: "mug--nordic-mug--blue--2",
          });
          assert.equal(drawing.status, 201, JSON.stringify(drawing.json));
          assert.equal(
            drawing.json.url,
            "/media/products/mug--nordic-mug--blue--2.svg",
          );
          assert.equal(drawing.json.position, 1);
          assert.deepEqual(drawing.json.alt, {});

          const firstImage = async () => {
            const list = await api.get("/api/products?lang=en&q=Nordic");
            assert.equal(list.status, 200, JSON.stringify(list.json));
            return list.json.items.find((p: { slug: string }) =>
              p.slug === slug
            ).image?.url;
          };
          assert.equal(await firstImage(), upload.url);
          const order = [drawing.json.id, attachedId];
          const reordered = await api.put(base, { imageIds: order });
          assert.equal(reordered.status, 200, JSON.stringify(reordered.json));
          assert.deepEqual(
            reordered.json.images.map((i: { id: string }) => i.id),
            order,
          );
          assert.equal(await firstImage(), drawing.json.url);
          const [entry] = await audit();
          assert.equal(entry.action, "product.image.reorder");
          assert.deepEqual(entry.before.imageIds, [
            attachedId,
            drawing.json.id,
          ]);
          assert.deepEqual(entry.after.imageIds, order);

          const bad = await api.put(base, { imageIds: [attachedId] });
          assertBadRequest(bad, "invalid_image_order");
          assert.deepEqual(bad.json.error.details.imageIds, order);
          assertBadRequest(
            await api.put(base, { imageIds: [attachedId, attachedId] }),
            "invalid_image_order",
          );
          assertBadRequest(
            await api.put(base, { imageIds: ["x"] }),
            "validation_failed",
          );
          // The same order again changes nothing and logs nothing.
          await api.put(base, { imageIds: order });
          assert.equal((await audit())[0].id, entry.id);
        },
      );

      await t.step(
        "a removed image leaves the storefront; the upload stays served",
        async () => {
          const removed = await api.del(`${base}/${attachedId}`);
          assert.equal(removed.status, 200, JSON.stringify(removed.json));
          assert.deepEqual(
            removed.json.images.map((i: { key: string }) => i.key),
            ["mug--nordic-mug--blue--2"],
          );
          assert.ok(!(await productPage(store, page)).includes(upload.url));
          const [entry] = await audit();
          assert.equal(entry.action, "product.image.remove");
          assert.equal(entry.before.image.key, upload.key);
          assert.deepEqual(entry.before.image.alt, {
            en: "A black mug on a shelf",
            de: "Ein schwarzer Becher",
          });
          const served = await store.app.request(upload.url);
          assert.equal(served.status, 200);
          await served.body?.cancel();

          assert.equal((await api.del(`${base}/${attachedId}`)).status, 404);
          assert.equal((await api.del(`${base}/nope`)).status, 404);
          assert.equal(
            (await api.del(
              `/api/admin/products/${UNKNOWN}/images/${attachedId}`,
            ))
              .status,
            404,
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
