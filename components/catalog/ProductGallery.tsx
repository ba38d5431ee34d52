import type { ImageView } from "../../commerce/catalog/mod.ts";

/**
 * A product's images without JavaScript: a row that scrolls and snaps one
 * image at a time, and thumbnails linking to each image in it.
 */
export function ProductGallery(
  { images, label }: { images: ImageView[]; label: string },
) {
  if (!images.length) {
    return <div class="aspect-square rounded-2xl bg-gray-100" />;
  }
  return (
    <div data-testid="gallery">
      <ul
        aria-label={label}
        class="flex snap-x snap-mandatory overflow-x-auto rounded-2xl bg-gray-100"
      >
        {images.map((image, i) => (
          <li
            key={image.url}
            id={`image-${i + 1}`}
            class="w-full shrink-0 snap-center"
          >
            <img
              src={image.url}
              alt={image.alt}
              width={800}
              height={800}
              loading={i === 0 ? "eager" : "lazy"}
              class="aspect-square w-full object-cover"
            />
          </li>
        ))}
      </ul>
      {images.length > 1 && (
        <ul class="mt-3 grid grid-cols-5 gap-2">
          {images.map((image, i) => (
            <li key={image.url}>
              <a
                href={`#image-${i + 1}`}
                class="block overflow-hidden rounded-lg border border-gray-200 hover:border-indigo-400"
              >
                <img
                  src={image.url}
                  alt=""
                  width={120}
                  height={120}
                  loading="lazy"
                  class="aspect-square w-full object-cover"
                />
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
