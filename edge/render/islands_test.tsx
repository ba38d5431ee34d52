import assert from "node:assert/strict";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { collectIslands, registerIslands } from "./islands.ts";

function Counter(props: { start: number; label: string }) {
  return <button type="button">{props.label}: {props.start}</button>;
}

function Panel(props: { title: string }) {
  // An island used inside another island renders plainly.
  return (
    <section>
      {props.title}
      <Counter start={1} label="inner" />
    </section>
  );
}

function Broken(_props: { onClick: () => void }) {
  return <span>never</span>;
}

registerIslands({
  Counter: { default: Counter },
  Panel: { default: Panel },
  Broken: { default: Broken },
});

function Page({ children }: { children?: ComponentChildren }) {
  return (
    <main>
      <p>static</p>
      {children}
    </main>
  );
}

Deno.test("an island renders inside a marker with its props collected", () => {
  const [html, islands] = collectIslands(() =>
    renderToString(
      <Page>
        <Counter start={3} label="Qty" />
      </Page>,
    )
  );
  assert.equal(
    html,
    '<main><p>static</p><x-island data-island="Counter" data-id="0"><button type="button">Qty: 3</button></x-island></main>',
  );
  assert.deepEqual(islands.map((i) => i.name), ["Counter"]);
  assert.deepEqual(JSON.parse(islands[0].props), { start: 3, label: "Qty" });
});

Deno.test("a page without islands collects none", () => {
  const [html, islands] = collectIslands(() => renderToString(<Page />));
  assert.equal(html, "<main><p>static</p></main>");
  assert.deepEqual(islands, []);
});

Deno.test("an island nested in an island gets no marker of its own", () => {
  const [html, islands] = collectIslands(() =>
    renderToString(<Panel title="T" />)
  );
  assert.equal(islands.length, 1);
  assert.equal((html.match(/<x-island/g) ?? []).length, 1);
  assert.match(html, /inner: 1/);
});

Deno.test("an island given a function prop fails the render, naming it", () => {
  assert.throws(
    () => collectIslands(() => renderToString(<Broken onClick={() => {}} />)),
    /Cannot serialize a function at 'Broken\.props\.onClick'/,
  );
});
