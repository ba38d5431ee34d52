/** A review as the list shows it, already formatted and translated. */
export interface ReviewItemView {
  id: string;
  rating: number;
  /** "Rated 4 out of 5". */
  ratingLabel: string;
  title: string;
  body: string;
  authorName: string;
  /** The review's date, formatted for the page's language. */
  date: string;
  /** ISO date for `<time datetime>`. */
  dateTime: string;
  /** The language the review is written in (for `lang`). */
  language: string;
  /** "Verified purchase", or nothing. */
  verified?: string;
}

/**
 * One review: stars, title, text, author and date. Shared by the server
 * (the first page) and the island that loads more.
 */
export function ReviewItem({ review }: { review: ReviewItemView }) {
  const stars = "★".repeat(review.rating) + "☆".repeat(5 - review.rating);
  return (
    <li data-testid="review" class="py-6">
      <div class="flex flex-wrap items-center gap-3">
        <span
          role="img"
          aria-label={review.ratingLabel}
          class="text-amber-500 tracking-wider"
        >
          {stars}
        </span>
        <p
          class="font-semibold text-gray-900"
          lang={review.language}
          dir="auto"
        >
          {review.title}
        </p>
      </div>
      <p
        class="mt-2 whitespace-pre-line text-gray-700"
        lang={review.language}
        dir="auto"
      >
        {review.body}
      </p>
      <p class="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-500">
        <span>{review.authorName}</span>
        <time dateTime={review.dateTime}>{review.date}</time>
        {
          /* Only classes every review list already has: an island adding
            reviews gets no CSS the server did not extract. */
        }
        {review.verified && (
          <span class="font-semibold text-gray-700">✓ {review.verified}</span>
        )}
      </p>
    </li>
  );
}
