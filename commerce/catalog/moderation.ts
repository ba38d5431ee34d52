/**
 * Review moderation. A review a shopper writes waits (`pending`) until a
 * moderator approves it (shown on the storefront and counted in the
 * product's rating, which a trigger keeps in step) or rejects it. Every
 * decision is audited; one that changes what shoppers see retires the
 * cached catalog.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import { DEFAULT_LANGUAGE, type Language } from "../localization/mod.ts";
import { decodeCursor, encodeCursor } from "./_cursor.ts";
import type { CatalogAdminDeps } from "./admin_categories.ts";
import { CATALOG_NAMESPACE } from "./cache.ts";
import { isUuid } from "./queries.ts";
import type { Page } from "./types.ts";

/** Where a review stands: only `approved` ones reach shoppers. */
export type ReviewStatus = "pending" | "approved" | "rejected";

/** The review statuses, in the order a review usually passes them. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = Object.freeze([
  "pending",
  "approved",
  "rejected",
]);

/** A review as moderators see it, with the product it is about. */
export interface ModerationReview {
  id: string;
  status: ReviewStatus;
  rating: number;
  title: string;
  body: string;
  /** The language the review is written in. */
  language: Language;
  authorName: string;
  /** The identity user who wrote it, when signed in. */
  authorId: string | null;
  verifiedPurchase: boolean;
  /** The product, named in the requested language (else the default). */
  product: { id: string; key: string | null; name: string; slug: string };
  createdAt: string;
  moderatedAt: string | null;
  /** The staff member who decided last. */
  moderatedBy: string | null;
  /** What the moderator noted with the decision (a rejection's reason). */
  note: string | null;
}

/** What the moderation queue lists. */
export interface ReviewQueueQuery {
  status: ReviewStatus;
  /** Only reviews of this product. */
  productId?: string;
  /** Only reviews written in this language. */
  language?: Language;
  /** The language product names are shown in. */
  displayLanguage: Language;
  cursor?: string;
  limit: number;
}

/**
 * A page of reviews in one status: pending ones oldest first (the queue
 * is worked in the order reviews came in), decided ones newest first.
 * A cursor of another list is a 400 `invalid_cursor`.
 */
export async function reviewQueue(
  sql: Sql,
  query: ReviewQueueQuery,
): Promise<Page<ModerationReview>> {
  const ascending = query.status === "pending";
  const tag = `moderation:${query.status}`;
  const after = query.cursor
    ? (() => {
      const [at, id] = decodeCursor(query.cursor!, {
        tag,
        types: ["timestamptz", "uuid"],
      });
      // As text, cast by Postgres: a JS Date would drop the microseconds.
      const keys = sql`(${at}::text::timestamptz, ${id}::text::uuid)`;
      return ascending
        ? sql`(r.created_at, r.id) > ${keys}`
        : sql`(r.created_at, r.id) < ${keys}`;
    })()
    : sql`true`;
  if (query.productId !== undefined && !isUuid(query.productId)) {
    return { items: [], nextCursor: null };
  }
  const rows = await sql`
    ${select(sql, query.displayLanguage)}
    where r.status = ${query.status}
      and ${
    query.productId ? sql`r.product_id = ${query.productId}` : sql`true`
  }
      and ${query.language ? sql`r.language = ${query.language}` : sql`true`}
      and ${after}
    order by ${
    ascending
      ? sql`r.created_at asc, r.id asc`
      : sql`r.created_at desc, r.id desc`
  }
    limit ${query.limit + 1}`;
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map(moderationView),
    nextCursor: more && last
      ? encodeCursor(tag, [last.created_key, last.id])
      : null,
  };
}

/** One review as moderators see it, or `null`. */
export async function getModerationReview(
  sql: Sql,
  options: { id: string; displayLanguage: Language },
): Promise<ModerationReview | null> {
  if (!isUuid(options.id)) return null;
  const [row] = await sql`
    ${select(sql, options.displayLanguage)} where r.id = ${options.id}`;
  return row ? moderationView(row) : null;
}

/**
 * Approve or reject a review (an approved one can be taken down, a
 * rejected one approved after all), with an optional note, audited as
 * `review.approve` or `review.reject`. The product's rating follows at
 * once (a trigger counts approved reviews only); the cached catalog is
 * retired when what shoppers see changed. Deciding what a review already
 * is changes nothing and writes nothing. Throws `NotFound`.
 */
export async function moderateReview(
  deps: CatalogAdminDeps,
  options: {
    id: string;
    decision: "approve" | "reject";
    note?: string;
    actor: AuditActor;
    displayLanguage?: Language;
  },
): Promise<ModerationReview> {
  const { id, decision, actor } = options;
  if (!isUuid(id)) throw reviewNotFound(id);
  const status: ReviewStatus = decision === "approve" ? "approved" : "rejected";
  const note = options.note ?? null;
  const { before } = await deps.sql.begin(async (tx) => {
    const [row] = await tx`
      select status, product_id, moderation_note from catalog.reviews
      where id = ${id} for update`;
    if (!row) throw reviewNotFound(id);
    if (row.status === status) return { before: null };
    await tx`
      update catalog.reviews set
        status = ${status}, moderated_at = now(),
        moderated_by = ${isUuid(actor.id) ? actor.id : null},
        moderation_note = ${note}
      where id = ${id}`;
    await recordAudit(tx, actor, {
      action: `review.${decision}`,
      entityType: "review",
      entityId: id,
      before: { status: row.status, note: row.moderation_note },
      after: { status, note, productId: row.product_id },
    });
    return { before: row.status as ReviewStatus };
  });
  if (before !== null && (before === "approved" || status === "approved")) {
    await deps.cache.bumpVersion(CATALOG_NAMESPACE);
  }
  return (await getModerationReview(deps.sql, {
    id,
    displayLanguage: options.displayLanguage ?? DEFAULT_LANGUAGE,
  }))!;
}

/** A review a shopper writes, before moderation. */
export interface NewReview {
  productId: string;
  /** 1 to 5 stars. */
  rating: number;
  title?: string;
  body?: string;
  language: Language;
  authorId?: string | null;
  authorName: string;
  verifiedPurchase?: boolean;
}

/**
 * Record a shopper's review as `pending`: it reaches the storefront (and
 * the product's rating) once a moderator approves it. Returns its id.
 * Throws `NotFound` for an unknown product.
 */
export async function submitReview(
  sql: Sql,
  review: NewReview,
): Promise<string> {
  const [row] = isUuid(review.productId)
    ? await sql`
      insert into catalog.reviews (
        product_id, rating, title, body, language, author_id, author_name,
        verified_purchase, status
      )
      select id, ${review.rating}, ${review.title ?? ""}, ${review.body ?? ""},
             ${review.language}, ${review.authorId ?? null},
             ${review.authorName}, ${review.verifiedPurchase ?? false},
             'pending'
      from catalog.products where id = ${review.productId}
      returning id`
    : [];
  if (!row) throw new NotFound(`No product '${review.productId}'`);
  return row.id;
}

function select(sql: Sql, language: Language) {
  return sql`
    select r.*, r.created_at::text as created_key,
           p.key as product_key,
           coalesce(d.name, dd.name) as product_name,
           coalesce(d.slug, dd.slug) as product_slug
    from catalog.reviews r
    join catalog.products p on p.id = r.product_id
    left join catalog.product_localized_details d
      on d.product_id = r.product_id and d.language = ${language}
    left join catalog.product_localized_details dd
      on dd.product_id = r.product_id and dd.language = ${DEFAULT_LANGUAGE}`;
}

function moderationView(row: Record<string, unknown>): ModerationReview {
  const iso = (value: unknown) =>
    value === null ? null : new Date(value as string).toISOString();
  return {
    id: row.id as string,
    status: row.status as ReviewStatus,
    rating: row.rating as number,
    title: row.title as string,
    body: row.body as string,
    language: row.language as Language,
    authorName: row.author_name as string,
    authorId: row.author_id as string | null,
    verifiedPurchase: row.verified_purchase as boolean,
    product: {
      id: row.product_id as string,
      key: row.product_key as string | null,
      name: row.product_name as string,
      slug: row.product_slug as string,
    },
    createdAt: iso(row.created_at)!,
    moderatedAt: iso(row.moderated_at),
    moderatedBy: row.moderated_by as string | null,
    note: row.moderation_note as string | null,
  };
}

function reviewNotFound(id: string): NotFound {
  return new NotFound(`No review '${id}'`);
}
