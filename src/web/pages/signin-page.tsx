/**
 * The sign-in page: the user name and password form for users from configuration and, when an
 * OpenID Connect provider is configured, a link that starts the sign-in there.
 */
import type { UiLanguage } from "../../templates/model.ts";
import { MESSAGES } from "../messages.ts";
import { Layout, type PageFrame } from "./layout.tsx";

export interface SignInProps {
  frame: PageFrame;
  returnTo: string;
  csrf: string;
  userName: string;
  failed: boolean;
  /** Why the last sign-in at the provider did not succeed, in the UI language. */
  notice: string | null;
  /** The provider's button: its name and the address that starts the flow. */
  oidc: { displayName: string; href: string } | null;
}

export function SignInPage(props: SignInProps) {
  const ui: UiLanguage = props.frame.ui;
  const m = MESSAGES[ui];
  return (
    <Layout frame={props.frame} title={m.signInTitle}>
      <p>{m.signInIntro}</p>
      {props.notice && (
        <p class="error" role="alert" id="signin-notice">
          {props.notice}
        </p>
      )}
      {props.failed && (
        <p class="error" role="alert" id="signin-error">
          {m.signInFailed}
        </p>
      )}
      <form method="post" action="/app/web/signin">
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <input type="hidden" name="csrf" value={props.csrf} />
        <label for="username">{m.userName}</label>
        <input
          type="text"
          id="username"
          name="username"
          autocomplete="username"
          required
          value={props.userName}
          aria-describedby={props.failed ? "signin-error" : undefined}
        />
        <label for="password">{m.password}</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="current-password"
          required
          aria-describedby={props.failed ? "signin-error" : undefined}
        />
        <button type="submit">{m.signIn}</button>
      </form>
      {props.oidc && (
        <>
          <p>{m.signInOidcLead}</p>
          {/* A link, not a form: CSP form-action 'self' would block the redirect to the
              provider that follows a form submission. */}
          <a class="button" href={props.oidc.href}>
            {m.signInWith(props.oidc.displayName)}
          </a>
        </>
      )}
    </Layout>
  );
}
