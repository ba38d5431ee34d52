import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import { ratingLabel } from "./labels.ts";
import { Stars } from "./Stars.tsx";

// Bar widths in steps of 5%: at most 21 classes, whatever the counts.
function barClass(share: number): string {
  const percent = Math.round(share * 20) * 5;
  return percent === 0 ? "w-0" : percent === 100 ? "w-full" : `w-[${percent}%]`;
}

/**
 * A product's rating: the average with stars and the count of reviews, and
 * how many reviews gave each number of stars, as bars.
 */
export function RatingSummary(
  { t, language, rating }: {
    t: Translate;
    language: Language;
    rating: {
      average: number | null;
      count: number;
      distribution: Record<string, number>;
    };
  },
) {
  const number = new Intl.NumberFormat(language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const count = new Intl.NumberFormat(language);
  const average = rating.average ?? 0;
  return (
    <div data-testid="rating-summary">
      <div class="flex items-center gap-3">
        <p class="text-4xl font-bold text-gray-900">{number.format(average)}</p>
        <div>
          <Stars
            rating={average}
            label={ratingLabel(t, average, language)}
            size="md"
          />
          <p class="text-sm text-gray-600">
            {t("catalog.reviewCount", { count: rating.count })}
          </p>
        </div>
      </div>
      <dl class="mt-4 space-y-1.5">
        {[5, 4, 3, 2, 1].map((stars) => {
          const n = rating.distribution[String(stars)] ?? 0;
          return (
            <div key={stars} class="flex items-center gap-3 text-sm">
              <dt class="w-24 shrink-0 text-gray-600">
                {t("catalog.stars", { count: stars })}
              </dt>
              <dd class="flex flex-1 items-center gap-3">
                <span class="h-2 flex-1 overflow-hidden rounded-full bg-gray-200">
                  <span
                    class={`block h-full rounded-full bg-amber-400 ${
                      barClass(rating.count ? n / rating.count : 0)
                    }`}
                  />
                </span>
                <span class="w-8 text-end text-gray-600">
                  {count.format(n)}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
