/**
 * Set-up for the browser tests: the demo `.dev.vars`, `wrangler dev` on a free port with its
 * own persistence directory (bench/dev-server.ts), headless Chromium, and helpers that create
 * sessions over the API the way an integrator does.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium, type Browser, type Page } from "playwright-core";

import { startDevServer, type DevServer } from "../../bench/dev-server.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEMO_DATA_SOURCE = "b78c3707-d7c7-4fc7-b97f-87d70f63c1ac";
const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Harness {
  server: DevServer;
  browser: Browser;
}

export async function startHarness(): Promise<Harness> {
  execFileSync(process.execPath, ["scripts/dev-setup.ts"], { cwd: ROOT, stdio: "ignore" });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startDevServer({
    label: "browser",
    root: ROOT,
    config: "wrangler.toml",
    vars: { ENVIRONMENT: "development" },
    readyPath: "/health",
  });
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    return { server, browser };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
  if (!harness) return;
  await harness.browser.close().catch(() => undefined);
  await harness.server.stop();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

let token: string | undefined;

async function apiToken(origin: string): Promise<string> {
  if (token) return token;
  const res = await fetch(`${origin}/ids/connect/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: "CustomApiClient",
      client_secret: "CustomClient_Secret_123",
      scope: "pd_ConnectWebApi",
    }),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status}`);
  const body = await res.json<{ access_token: string }>();
  token = body.access_token;
  return token;
}

/** Creates a session from a Connect payload over the API; returns its id. */
export async function createSession(origin: string, xml: string): Promise<string> {
  const res = await fetch(`${origin}/api/v3/${DEMO_DATA_SOURCE}/Connect/Session`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await apiToken(origin)}`,
      "content-type": "application/xml; charset=utf-8",
    },
    body: xml,
  });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  return (await res.json<{ sessionId: string }>()).sessionId;
}

/** Ends a session over the API, as an integrator does with `DELETE /{id}`. */
export async function endSession(origin: string, sessionId: string): Promise<void> {
  const res = await fetch(`${origin}/api/v3/${DEMO_DATA_SOURCE}/Connect/Session/${sessionId}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${await apiToken(origin)}` },
  });
  if (res.status !== 204) throw new Error(`delete: ${res.status} ${await res.text()}`);
}

/** Signs in through the sign-in page that the session link leads to. */
export async function signInVia(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("User name").fill("demo");
  await page.getByLabel("Password").fill("demo-password");
  await screenshot(page, "01-sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.endsWith("/signin"));
}
