import { z } from "zod";
import {
  type ModerationReview,
  type Page,
  REVIEW_STATUSES,
  reviewQueue,
  type ReviewStatus,
} from "../../../commerce/catalog/mod.ts";
import {
  type Language,
  languageName,
  LANGUAGES,
} from "../../../commerce/localization/mod.ts";
import { reviewModerationLabels } from "../../../components/admin/audit_reviews_labels.ts";
import {
  EmptyNote,
  FILTER_FIELD,
  FilterActions,
  LinkButton,
  PageTitle,
} from "../../../components/admin/ui.tsx";
import { ratingLabel } from "../../../components/catalog/labels.ts";
import { Stars } from "../../../components/catalog/Stars.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import { Invalid } from "../../../edge/errors.ts";
import AdminReviewModeration from "../../../islands/AdminReviewModeration.tsx";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "../_shell.ts";

const PAGE_SIZE = 25;

/** The queue's query: anything unreadable is dropped rather than refused. */
const ReviewListQuery = z.object({
  status: z.enum(REVIEW_STATUSES as [ReviewStatus, ...ReviewStatus[]])
    .default("pending").catch("pending"),
  language: z.enum(LANGUAGES).optional().catch(undefined),
  cursor: z.string().max(600).optional().catch(undefined),
});
type ReviewListQuery = z.infer<typeof ReviewListQuery>;

interface ReviewListData {
  query: ReviewListQuery;
  page: Page<ModerationReview>;
}

/**
 * `GET /admin/reviews`: the moderation queue, 25 a page (cursor pages, on
 * the server): pending reviews first and oldest first, approved or
 * rejected ones on their own tabs, newest first; filtered by the
 * language they are written in. Each review can be approved or rejected
 * in place.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    staffActor(c, "reviews:moderate");
    const query = ReviewListQuery.parse(c.req.query());
    const search = {
      status: query.status,
      language: query.language,
      displayLanguage: c.var.locale.language,
      limit: PAGE_SIZE,
    };
    const { sql } = c.var.db;
    let found: Page<ModerationReview>;
    try {
      found = await reviewQueue(sql, { ...search, cursor: query.cursor });
    } catch (error) {
      // A stale or hand-made cursor starts again from the first page.
      if (!(error instanceof Invalid) || !query.cursor) throw error;
      found = await reviewQueue(sql, search);
    }
    return page.render(
      {
        shell: await adminShell(c),
        query,
        page: found,
      } satisfies AdminPageData<ReviewListData>,
    );
  },
};

/** "Reviews · Dashboard · <store>". */
export const head = adminTitled("admin.reviews.title");

/** `name` capitalized to stand alone ("allemand" → "Allemand"). */
function standalone(name: string, language: Language): string {
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/** The moderation queue, by status, with its language filter. */
export default function ReviewQueue(
  { data, state }: PageProps<AdminPageData<ReviewListData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { query, page } = data;
  const written = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const labels = reviewModerationLabels(t);
  const list = (params: Record<string, string | undefined>) =>
    adminHref("/admin/reviews", {
      status: query.status === "pending" ? undefined : query.status,
      language: query.language,
      ...params,
    });
  return (
    <div class="mx-auto max-w-5xl">
      <PageTitle title={t("admin.reviews.title")} />
      <nav
        aria-label={t("admin.reviews.byStatus")}
        class="mb-4 flex flex-wrap gap-1 border-b border-gray-200"
      >
        {REVIEW_STATUSES.map((status) => (
          <a
            key={status}
            href={adminHref("/admin/reviews", {
              status: status === "pending" ? undefined : status,
              language: query.language,
            })}
            aria-current={query.status === status ? "page" : undefined}
            data-testid={`reviews-tab-${status}`}
            class="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-gray-600 hover:text-gray-900 aria-[current=page]:border-indigo-600 aria-[current=page]:text-indigo-700"
          >
            {t(`admin.reviews.statuses.${status}`)}
          </a>
        ))}
      </nav>
      <form
        method="get"
        action="/admin/reviews"
        class="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm"
      >
        {query.status !== "pending" && (
          <input type="hidden" name="status" value={query.status} />
        )}
        <label class="flex flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.reviews.language")}
          <select
            name="language"
            class={FILTER_FIELD}
          >
            <option value="">{t("admin.reviews.anyLanguage")}</option>
            {LANGUAGES.map((code) => (
              <option
                key={code}
                value={code}
                selected={query.language === code}
              >
                {languageName(code, language)}
              </option>
            ))}
          </select>
        </label>
        <FilterActions
          submit={t("admin.reviews.filter")}
          clear={t("admin.reviews.clear")}
          clearHref={list({ language: undefined })}
          filtered={Boolean(query.language)}
        />
      </form>

      {page.items.length === 0
        ? (
          <EmptyNote testId="reviews-empty">
            {query.language
              ? t("admin.reviews.noMatch")
              : t(`admin.reviews.empty.${query.status}`)}
          </EmptyNote>
        )
        : (
          <ul class="space-y-4" data-testid="review-rows">
            {page.items.map((review) => (
              <li
                key={review.id}
                data-testid="review-row"
                data-review-id={review.id}
                class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
              >
                <article class="grid gap-4 md:grid-cols-[minmax(0,1fr)_16rem]">
                  <div class="min-w-0">
                    <div class="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <a
                        href={`/admin/products/${review.product.id}`}
                        data-testid="review-product"
                        class="font-semibold text-indigo-700 hover:underline"
                      >
                        {review.product.name}
                      </a>
                      <Stars
                        rating={review.rating}
                        label={ratingLabel(t, review.rating, language)}
                      />
                    </div>
                    {review.title && (
                      <h2
                        class="mt-2 font-semibold text-gray-900"
                        lang={review.language}
                        dir="auto"
                      >
                        {review.title}
                      </h2>
                    )}
                    {review.body && (
                      <p
                        class="mt-1 whitespace-pre-line break-words text-sm text-gray-700"
                        lang={review.language}
                        dir="auto"
                      >
                        {review.body}
                      </p>
                    )}
                    <p class="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-gray-500">
                      <span data-testid="review-author">
                        <bdi>{review.authorName}</bdi>
                      </span>
                      {review.verifiedPurchase && (
                        <span class="font-semibold text-gray-700">
                          ✓ {t("reviews.verified")}
                        </span>
                      )}
                      <span
                        data-testid="review-language"
                        data-language={review.language}
                        class="rounded bg-gray-100 px-1.5 py-0.5 font-medium text-gray-700"
                      >
                        {standalone(
                          languageName(review.language as Language, language),
                          language,
                        )}
                      </span>
                      <time dateTime={review.createdAt}>
                        {written.format(new Date(review.createdAt))}
                      </time>
                    </p>
                  </div>
                  <div class="border-t border-gray-100 pt-3 md:border-s md:border-t-0 md:ps-4 md:pt-0">
                    <AdminReviewModeration
                      reviewId={review.id}
                      status={review.status}
                      note={review.note}
                      labels={labels}
                    />
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}

      <nav
        aria-label={t("admin.pagination")}
        class="mt-4 flex flex-wrap justify-between gap-3"
      >
        {query.cursor
          ? (
            <LinkButton href={list({})}>
              {t("admin.reviews.firstPage")}
            </LinkButton>
          )
          : <span />}
        {page.nextCursor && (
          <LinkButton
            rel="next"
            testId="reviews-next"
            href={list({ cursor: page.nextCursor })}
          >
            {t("admin.next")}
          </LinkButton>
        )}
      </nav>
    </div>
  );
}
