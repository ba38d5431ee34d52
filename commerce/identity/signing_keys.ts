/**
 * Where access-token signing keys live: `identity.signing_keys`. The first
 * store to start creates one; every instance loads the same set.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import {
  exportSigningKey,
  generateSigningKey,
  importSigningKey,
  type JWK,
  type KeySet,
} from "../../edge/auth/jwt.ts";

/**
 * The signing key set: the newest unretired key signs, older unretired keys
 * still verify. Creates the first key when there is none (instances starting
 * together take turns, so they end up with the same one).
 */
export async function loadKeySet(sql: Sql): Promise<KeySet> {
  let rows = await activeKeys(sql);
  if (!rows.length) {
    const key = await exportSigningKey(await generateSigningKey());
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext('identity signing keys'))`;
      const [existing] = await tx`
        select 1 from identity.signing_keys where retired_at is null limit 1`;
      if (!existing) {
        await tx`
          insert into identity.signing_keys (kid, private_jwk)
          values (${key.kid!}, ${tx.json(key as Record<string, string>)})`;
      }
    });
    rows = await activeKeys(sql);
  }
  const [current, ...older] = rows;
  const signing = await importSigningKey(current.private_jwk as JWK);
  const previous = await Promise.all(
    older.map(async (row) =>
      (await importSigningKey(row.private_jwk as JWK)).publicJwk
    ),
  );
  return { current: signing, previous };
}

async function activeKeys(sql: Sql) {
  return await sql`
    select kid, private_jwk from identity.signing_keys
    where retired_at is null
    order by created_at desc, kid`;
}
