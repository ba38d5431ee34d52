import type { ComponentChildren } from "preact";

const TONES = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-green-200 bg-green-50 text-green-800",
  info: "border-indigo-200 bg-indigo-50 text-indigo-900",
} as const;

/**
 * A message box above or instead of a form. Errors are announced to
 * screen readers (`role="alert"`), other tones politely (`role="status"`).
 */
export function Notice(
  { tone, children, testId }: {
    tone: keyof typeof TONES;
    children: ComponentChildren;
    testId?: string;
  },
) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      class={`mb-4 rounded-md border px-4 py-3 text-sm ${TONES[tone]}`}
    >
      {children}
    </div>
  );
}
