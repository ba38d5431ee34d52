import { useSignal } from "@preact/signals";
import type { Page, ReviewView } from "../commerce/catalog/mod.ts";
import { ReviewItem, type ReviewItemView } from "./_ReviewItem.tsx";

/** Props of {@link MoreReviews}: translated labels and where to read. */
export interface MoreReviewsProps {
  /** The reviews API of the product, e.g. `/api/products/{id}/reviews`. */
  endpoint: string;
  /** The cursor of the page after the server-rendered one. */
  cursor: string;
  /** The page's language, for dates. */
  language: string;
  /** "Rated 1 out of 5" … "Rated 5 out of 5". */
  ratingLabels: string[];
  verifiedLabel: string;
  moreLabel: string;
  loadingLabel: string;
  failedLabel: string;
  /** The no-JavaScript link to the next page of reviews. */
  fallbackHref: string;
}

/**
 * "More reviews": loads the next page from the reviews API and appends it,
 * until there are no more. Without JavaScript it is a link to the next page.
 */
export default function MoreReviews(props: MoreReviewsProps) {
  const items = useSignal<ReviewItemView[]>([]);
  const cursor = useSignal<string | null>(props.cursor);
  const state = useSignal<"idle" | "loading" | "failed">("idle");
  const date = new Intl.DateTimeFormat(props.language, { dateStyle: "medium" });

  async function load(event: Event) {
    event.preventDefault();
    if (!cursor.value || state.value === "loading") return;
    state.value = "loading";
    try {
      const url = `${props.endpoint}?limit=10&lang=${props.language}&cursor=${
        encodeURIComponent(cursor.value)
      }`;
      const response = await fetch(url, {
        headers: { accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = await response.json() as Page<ReviewView>;
      items.value = [
        ...items.value,
        ...page.items.map((review) => ({
          id: review.id,
          rating: review.rating,
          ratingLabel: props.ratingLabels[review.rating - 1] ?? "",
          title: review.title,
          body: review.body,
          authorName: review.authorName,
          date: date.format(new Date(review.createdAt)),
          dateTime: review.createdAt,
          language: review.language,
          verified: review.verifiedPurchase ? props.verifiedLabel : undefined,
        })),
      ];
      cursor.value = page.nextCursor;
      state.value = "idle";
    } catch {
      state.value = "failed";
    }
  }

  return (
    <div>
      <ul class="divide-y divide-gray-200 border-t border-gray-200">
        {items.value.map((review) => (
          <ReviewItem key={review.id} review={review} />
        ))}
      </ul>
      <div class="mt-4 flex flex-wrap items-center gap-4">
        {cursor.value && (
          <a
            href={props.fallbackHref}
            role="button"
            data-testid="more-reviews"
            aria-disabled={state.value === "loading" ? "true" : undefined}
            onClick={load}
            class="rounded-lg border border-gray-300 px-4 py-2 text-sm font-semibold text-gray-800 hover:bg-gray-50 aria-disabled:opacity-50"
          >
            {state.value === "loading" ? props.loadingLabel : props.moreLabel}
          </a>
        )}
        <p role="status" aria-live="polite" class="text-sm text-rose-700">
          {state.value === "failed" ? props.failedLabel : ""}
        </p>
      </div>
    </div>
  );
}
