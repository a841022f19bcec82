/** The sign-in form: user name and password of a user from configuration. */
import type { UiLanguage } from "../../templates/model.ts";
import { MESSAGES } from "../messages.ts";
import { Layout, type PageFrame } from "./layout.tsx";

export interface SignInProps {
  frame: PageFrame;
  returnTo: string;
  csrf: string;
  userName: string;
  failed: boolean;
}

export function SignInPage(props: SignInProps) {
  const ui: UiLanguage = props.frame.ui;
  const m = MESSAGES[ui];
  return (
    <Layout frame={props.frame} title={m.signInTitle}>
      <p>{m.signInIntro}</p>
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
    </Layout>
  );
}
