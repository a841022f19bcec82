/**
 * A tiny browser stand-in for web-app tests in workerd: it keeps cookies, sends our Origin on
 * posts, and reads hidden form values out of the HTML the way a browser would submit them.
 */
import { call, ORIGIN } from "../support/api.ts";

export class WebClient {
  readonly cookies = new Map<string, string>();

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.#send(path, { headers });
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    return this.#send(path, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  }

  async signIn(password = "demo-password", username = "demo"): Promise<Response> {
    const page = await (await this.get("/app/web/signin")).text();
    return this.post("/app/web/signin", {
      csrf: hiddenValue(page, "csrf"),
      returnTo: "/app/web/",
      username,
      password,
    });
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (jar) headers.set("cookie", jar);
    const res = await call(path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return res;
  }
}

/** The value of the first input with this name; the page must have it. */
export function hiddenValue(html: string, name: string, form = 0): string {
  const matches = [...html.matchAll(new RegExp(`name="${name}" value="([^"]*)"`, "g"))];
  const value = matches[form]?.[1];
  if (value === undefined) throw new Error(`no input ${name} in page`);
  return value;
}
