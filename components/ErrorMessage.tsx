/** What an error page says, already translated. */
export interface ErrorMessageProps {
  status: 403 | 404 | 500;
  title: string;
  body: string;
  backLabel: string;
  backHref: string;
}

/** The body of the 403, 404 and 500 pages: the status, what happened, a way back. */
export function ErrorMessage(props: ErrorMessageProps) {
  const tint = props.status === 500 ? "text-rose-600" : "text-indigo-600";
  return (
    <section class="mx-auto max-w-xl px-4 py-24 text-center">
      <p class={`text-6xl font-extrabold ${tint}`}>{props.status}</p>
      <h1 class="[text-wrap:balance] [word-break:auto-phrase] mt-4 text-3xl font-bold tracking-tight">
        {props.title}
      </h1>
      <p class="mt-4 text-gray-600">{props.body}</p>
      <a
        href={props.backHref}
        class="mt-8 inline-block rounded-lg bg-indigo-600 px-5 py-3 font-semibold text-white hover:bg-indigo-700"
      >
        {props.backLabel}
      </a>
    </section>
  );
}
