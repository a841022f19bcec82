/**
 * The frame of every web-app page: language attribute, skip link, the UI language switch,
 * who is signed in with a sign-out button, and the page's own content in `<main>`.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";

import { UI_LANGUAGES, type UiLanguage } from "../../templates/model.ts";
import { MESSAGES } from "../messages.ts";

export interface PageFrame {
  ui: UiLanguage;
  /** The current page's address without `lang`, to build the language links from. */
  here: string;
  signedIn: { displayName: string; signOutToken: string } | null;
}

export function Layout(props: { frame: PageFrame; title: string; children?: Child }) {
  const { frame } = props;
  const m = MESSAGES[frame.ui];
  // Without the doctype browsers render the page in quirks mode.
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={frame.ui}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${m.appTitle}`}</title>
          <link rel="icon" href="/app/web/assets/icon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/app/web/assets/app.css" />
          <script src="/app/web/assets/app.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#content">
            {m.skipToContent}
          </a>
          <header>
            <nav class="languages" aria-label={m.uiLanguage}>
              {UI_LANGUAGES.map((language) => (
                <a
                  href={withLang(frame.here, language)}
                  lang={language}
                  hreflang={language}
                  aria-current={language === frame.ui ? "true" : undefined}
                >
                  {MESSAGES[language].languageName}
                </a>
              ))}
            </nav>
            {frame.signedIn && (
              <form method="post" action="/app/web/signout">
                <span>{m.signedInAs(frame.signedIn.displayName)}</span>{" "}
                <input type="hidden" name="csrf" value={frame.signedIn.signOutToken} />
                <button type="submit" class="link-button">
                  {m.signOut}
                </button>
              </form>
            )}
          </header>
          <main id="content">
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

function withLang(here: string, language: UiLanguage): string {
  const url = new URL(here, "https://web.invalid");
  url.searchParams.set("lang", language);
  return `${url.pathname}${url.search}`;
}

/** A page that only says something: session not found, cancelled, ambiguous, expired form. */
export function MessagePage(props: {
  frame: PageFrame;
  title: string;
  text: string;
  children?: Child;
}) {
  return (
    <Layout frame={props.frame} title={props.title}>
      <p>{props.text}</p>
      {props.children}
    </Layout>
  );
}
