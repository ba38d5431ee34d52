import { Footer } from "../components/Footer.tsx";
import { GeoNotice } from "../components/GeoNotice.tsx";
import { Header } from "../components/Header.tsx";
import type { LayoutProps } from "../edge/define.ts";

/** The shell of every page: geo suggestion, header, content, footer. */
export default function Layout({ children, state, url }: LayoutProps) {
  return (
    <div class="min-h-screen flex flex-col bg-white font-sans text-gray-900 antialiased">
      <a href="#main" class="sr-only focus:not-sr-only focus:p-2">
        {state.t("nav.skipToContent")}
      </a>
      <GeoNotice state={state} url={url} />
      <Header state={state} url={url} />
      <main id="main" class="flex-1">{children}</main>
      <Footer state={state} />
    </div>
  );
}
