import { beforeAll, describe, expect, it } from "vitest";

import { SAMPLE_XML } from "../../demo/sample-payload.ts";
import { invoiceLetter } from "../../demo/templates/invoice-letter.ts";
import { CLIENTS, createSession, tokenFor, uploadDemoTemplates } from "../support/api.ts";
import { WebClient } from "./web-client.ts";

let token: string;

beforeAll(async () => {
  await uploadDemoTemplates();
  token = await tokenFor(CLIENTS.custom);
});

/** The text of the label bound to the form field with this id, tags dropped. */
function labelOf(html: string, fieldId: string): string {
  const label = new RegExp(`<label for="field-${fieldId}">(.*?)</label>`).exec(html)?.[1];
  if (label === undefined) throw new Error(`no label for ${fieldId}`);
  return label.replace(/<[^>]*>/g, "").trim();
}

async function formIn(lang: string): Promise<string> {
  const client = new WebClient();
  expect((await client.signIn()).status).toBe(303);
  const sessionId = await createSession(token, SAMPLE_XML);
  const res = await client.get(`/app/web/connect?sessionId=${sessionId}&lang=${lang}`);
  expect(res.status).toBe(200);
  return res.text();
}

describe("GET /app/web/connect labels", () => {
  it("labels the demo template's fields in German with ?lang=de", async () => {
    const html = await formIn("de");

    expect(html).toContain('<html lang="de">');
    expect(labelOf(html, "Subject")).toBe("Betreff (Pflichtfeld)");
    expect(labelOf(html, "Notes")).toBe("Bemerkungen");
    expect(html).toContain("<h1>Rechnungsbrief</h1>");
  });

  it("labels the demo template's fields in French with ?lang=fr", async () => {
    const html = await formIn("fr");

    expect(html).toContain('<html lang="fr">');
    expect(labelOf(html, "Subject")).toBe("Objet (obligatoire)");
    expect(labelOf(html, "Notes")).toBe("Remarques");
    expect(html).toContain("<h1>Lettre de facture</h1>");
  });

  it("lists the session's Data values under the template's labels for them", async () => {
    const html = await formIn("it");

    expect(html).toMatch(/<dt>Numero di fattura<\/dt>\s*<dd>1234<\/dd>/);
    expect(html).not.toContain("<dt>InvoiceNumber</dt>");
  });

  it("takes every label from the template in the chosen language", async () => {
    for (const lang of ["de", "fr", "it", "en"] as const) {
      const html = await formIn(lang);
      for (const field of invoiceLetter.meta.formFields) {
        expect(labelOf(html, field.id)).toMatch(new RegExp(`^${field.label[lang]}( \\(|$)`));
      }
    }
  });
});
