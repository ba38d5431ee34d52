/** One step of a breadcrumb trail; the last one is the current page. */
export interface Crumb {
  label: string;
  href: string;
}

/** The trail from the home page to the current page. */
export function Breadcrumbs(
  { crumbs, label }: { crumbs: Crumb[]; label: string },
) {
  return (
    <nav aria-label={label} class="text-sm text-gray-500">
      <ol class="flex flex-wrap items-center gap-x-2 gap-y-1">
        {crumbs.map((crumb, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={crumb.href} class="flex items-center gap-2">
              {i > 0 && (
                // "›" is mirrored by the bidi algorithm in right-to-left text.
                <span aria-hidden="true" class="text-gray-300">›</span>
              )}
              {last
                ? (
                  <a
                    href={crumb.href}
                    aria-current="page"
                    class="font-medium text-gray-700"
                  >
                    {crumb.label}
                  </a>
                )
                : (
                  <a href={crumb.href} class="hover:text-indigo-600">
                    {crumb.label}
                  </a>
                )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
