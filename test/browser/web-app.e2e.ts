import { readFile } from "node:fs/promises";

import { strFromU8, unzipSync } from "fflate";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SAMPLE_WITH_DOWNLOAD_XML } from "../../demo/sample-payload.ts";
import {
  createSession,
  endSession,
  screenshot,
  signInVia,
  startHarness,
  stopHarness,
  type Harness,
} from "./harness.ts";

let harness: Harness | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await context?.close();
  await stopHarness(harness);
});

function origin(): string {
  if (!harness) throw new Error("harness not started");
  return harness.server.origin;
}

/** A fresh browser profile per test: its own cookies, English UI, downloads allowed. */
async function freshPage(): Promise<Page> {
  if (!harness) throw new Error("harness not started");
  await context?.close();
  context = await harness.browser.newContext({ acceptDownloads: true, locale: "en-US" });
  return context.newPage();
}

/** A computed font size in pixels; the test project has no DOM types, hence the string. */
async function fontSize(page: Page, selector: string): Promise<number> {
  const element = `document.querySelector(${JSON.stringify(selector)})`;
  return page.evaluate<number>(`parseFloat(getComputedStyle(${element}).fontSize)`);
}

function link(sessionId: string): string {
  return `${origin()}/app/web/connect?sessionId=${sessionId}`;
}

const withCommands = (commands: string) =>
  SAMPLE_WITH_DOWNLOAD_XML.replace("</OnSuccess>", `${commands}</OnSuccess>`);

describe("the web app in Chromium", () => {
  it("signs in, shows the pre-filled form, generates and downloads the edited document", async () => {
    const sessionId = await createSession(origin(), SAMPLE_WITH_DOWNLOAD_XML);
    const page = await freshPage();

    await signInVia(page, link(sessionId));
    const subject = page.getByLabel("Subject");
    await expect.poll(() => subject.inputValue()).toBe("From Sample Script");
    expect(await page.getByLabel("Notes").inputValue()).toBe("Sample Note");
    expect(await page.getByLabel("Document language").inputValue()).toBe("es-ES");
    await screenshot(page, "02-form");

    await subject.fill("Changed in Chromium");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Create document" }).click();
    const file = await download;
    await page.getByRole("heading", { name: "Your document is ready" }).waitFor();
    await screenshot(page, "03-result");

    expect(file.suggestedFilename()).toBe("Factura 1234.docx");
    const bytes = await readFile(await file.path());
    const xml = strFromU8(
      unzipSync(new Uint8Array(bytes))["word/document.xml"] ?? new Uint8Array(),
    );
    expect(xml).toContain("Changed in Chromium");
  });

  it("shows the picker for a tag filter that allows it, then the chosen template's form", async () => {
    const sessionId = await createSession(
      origin(),
      `<primedocsConnect><Template><TagFilter AllowTemplatePicker="true"><Tag>Customer</Tag></TagFilter></Template></primedocsConnect>`,
    );
    const page = await freshPage();

    await signInVia(page, link(sessionId));
    await page.getByRole("heading", { name: "Choose a template" }).waitFor();
    expect(await page.getByRole("listitem").count()).toBe(2);
    // The page title outranks the template names in size, as it does in the outline.
    const h1 = await fontSize(page, "h1");
    expect(h1).toBeGreaterThan(await fontSize(page, "li h2"));
    await screenshot(page, "04-picker");

    await page.getByRole("link", { name: "Choose" }).last().click();
    await page.getByRole("heading", { name: "Offer" }).waitFor();
    expect(await page.getByRole("combobox", { name: /Delivery/ }).count()).toBe(1);
    expect(await page.getByLabel(/Valid until/).getAttribute("type")).toBe("date");
    await screenshot(page, "05-picked-form");
  });

  it("keeps the header on one row in French on a wide window, and usable on a phone", async () => {
    const sessionId = await createSession(origin(), SAMPLE_WITH_DOWNLOAD_XML);
    const page = await freshPage();
    await page.setViewportSize({ width: 1280, height: 800 });

    await signInVia(page, link(sessionId));
    await page.goto(`${link(sessionId)}&lang=fr`);
    const languages = await page.getByRole("navigation", { name: "Langue" }).boundingBox();
    const signOut = await page.getByRole("button", { name: "Se déconnecter" }).boundingBox();
    expect(Math.abs((signOut?.y ?? 0) - (languages?.y ?? -100))).toBeLessThan(8);
    await screenshot(page, "12-header-fr-wide");

    await page.setViewportSize({ width: 375, height: 800 });
    const narrow = await page.getByRole("button", { name: "Se déconnecter" }).boundingBox();
    expect((narrow?.x ?? 0) + (narrow?.width ?? 1000)).toBeLessThanOrEqual(375);
    await screenshot(page, "13-header-fr-phone");
  });

  it("moves focus to the error summary after a submit with a required field empty", async () => {
    const sessionId = await createSession(origin(), SAMPLE_WITH_DOWNLOAD_XML);
    const page = await freshPage();

    await signInVia(page, link(sessionId));
    await page.getByLabel("Subject").fill("");
    await page.getByRole("button", { name: "Create document" }).click();
    const summary = page.locator("#error-summary");
    await summary.waitFor();
    await expect
      .poll(() => page.evaluate<string>("document.activeElement.id"))
      .toBe("error-summary");
    await screenshot(page, "14-error-summary");

    await page.getByRole("link", { name: /Subject: / }).click();
    await expect
      .poll(() => page.evaluate<string>("document.activeElement.id"))
      .toBe("field-Subject");
  });

  it("keeps what the person typed when they switch the UI language, and still generates", async () => {
    const sessionId = await createSession(origin(), SAMPLE_WITH_DOWNLOAD_XML);
    const page = await freshPage();

    await signInVia(page, link(sessionId));
    await page.getByLabel("Subject").fill("Typed before the switch");
    await page.getByRole("link", { name: "Deutsch" }).click();
    await page.getByRole("button", { name: "Dokument erstellen" }).waitFor();
    expect(await page.getByLabel("Betreff").inputValue()).toBe("Typed before the switch");
    await screenshot(page, "15-language-switch-kept");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Dokument erstellen" }).click();
    await download;
  });

  it("shows a ShowDialog command as an accessible dialog", async () => {
    const sessionId = await createSession(
      origin(),
      withCommands(`<ShowDialog Title="Filed" Message="Your letter {Forms.Subject} was filed."/>`),
    );
    const page = await freshPage();

    await signInVia(page, link(sessionId));
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Create document" }).click();
    await download;
    const dialog = page.getByRole("dialog", { name: "Filed" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Your letter From Sample Script was filed.");
    await screenshot(page, "06-dialog");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  it("cancels the session on request", async () => {
    const sessionId = await createSession(origin(), SAMPLE_WITH_DOWNLOAD_XML);
    const page = await freshPage();

    await signInVia(page, link(sessionId));
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: "Cancelled" }).waitFor();
    await screenshot(page, "07-cancelled");

    await page.getByRole("link", { name: "Français" }).click();
    await page.getByRole("heading", { name: "Annulé" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/app/web/cancelled");
  });

  it("starts a session template from its link and lands on the pre-filled form", async () => {
    const page = await freshPage();

    // Offer: the offer from D1, its customer from the .xlsx in R2 (demo/session-templates).
    await signInVia(page, `${origin()}/app/web/session/template/Offer?Data.OfferNumber=A-100`);
    const validUntil = page.getByLabel("Valid until");
    await expect.poll(() => validUntil.inputValue()).toBe("2026-12-31");
    expect(await page.getByLabel("Delivery").inputValue()).toBe("Post");
    expect(new URL(page.url()).pathname).toBe("/app/web/connect");
    expect(await page.textContent("main")).toContain("Muster AG");
    await screenshot(page, "10-session-template-form");
  });

  it("explains an unknown session instead of showing a blank page", async () => {
    const page = await freshPage();

    await signInVia(page, link("00000000-0000-4000-8000-000000000000"));
    await page.getByRole("heading", { name: "Session not found" }).waitFor();
    expect(await page.textContent("main")).toContain("has expired or does not exist");
    await screenshot(page, "08-not-found");
  });

  it("explains a session that ended while the person had it open, in the person's language", async () => {
    const sessionId = await createSession(origin(), SAMPLE_WITH_DOWNLOAD_XML);
    const page = await freshPage();

    await signInVia(page, link(sessionId));
    await page.getByLabel("Subject").waitFor();
    await endSession(origin(), sessionId);
    await page.getByRole("button", { name: "Create document" }).click();
    await page.getByRole("heading", { name: "Session not found" }).waitFor();
    expect(await page.textContent("main")).toContain("has expired or does not exist");

    await page.goto(`${link(sessionId)}&lang=de`);
    await page.getByRole("heading", { name: "Sitzung nicht gefunden" }).waitFor();
    expect(await page.textContent("main")).toContain("abgelaufen oder existiert nicht");
    await screenshot(page, "11-ended-session-de");
  });

  it("shows a value holding a script tag as text and never runs it", async () => {
    const hostile = "<script>alert(1)</script>";
    const sessionId = await createSession(
      origin(),
      withCommands(`<ShowDialog Title="Echo" Message="{Forms.Subject}"/>`).replace(
        "From Sample Script",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
      ),
    );
    const page = await freshPage();
    let alerts = 0;
    page.on("dialog", (d) => {
      alerts += 1;
      void d.dismiss();
    });

    await signInVia(page, link(sessionId));
    expect(await page.getByLabel("Subject").inputValue()).toBe(hostile);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Create document" }).click();
    await download;
    const dialog = page.getByRole("dialog", { name: "Echo" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(hostile);
    await screenshot(page, "09-script-as-text");

    expect(alerts).toBe(0);
  });
});
