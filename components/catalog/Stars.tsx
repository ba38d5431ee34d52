/** Props of {@link Stars}. */
export interface StarsProps {
  /** 0 to 5; fractions fill part of a star. */
  rating: number;
  /** What a screen reader hears instead ("Rated 4.3 out of 5"). */
  label: string;
  size?: "sm" | "md";
}

// Fill widths in steps of a tenth: ten fixed classes, whatever the ratings.
const FILL = [
  "w-0",
  "w-[10%]",
  "w-[20%]",
  "w-[30%]",
  "w-[40%]",
  "w-1/2",
  "w-[60%]",
  "w-[70%]",
  "w-[80%]",
  "w-[90%]",
  "w-full",
];

/**
 * Five stars filled to `rating`: grey stars under amber ones clipped to the
 * rating's width. One image for assistive technology, with `label`.
 */
export function Stars({ rating, label, size = "sm" }: StarsProps) {
  const fill = FILL[Math.round(Math.min(5, Math.max(0, rating)) * 2)];
  const text = size === "sm" ? "text-sm" : "text-xl";
  return (
    <span
      role="img"
      aria-label={label}
      class={`relative inline-block whitespace-nowrap leading-none ${text}`}
    >
      <span aria-hidden="true" class="text-gray-300">★★★★★</span>
      <span
        aria-hidden="true"
        class={`absolute inset-y-0 left-0 overflow-hidden rtl:left-auto rtl:right-0 text-amber-500 ${fill}`}
      >
        ★★★★★
      </span>
    </span>
  );
}
