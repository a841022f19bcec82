/**
 * "Invoice letter": the template the public sample script names by id. One file per
 * document language; the sample asks for `es-es`. Shows a header and footer with fields,
 * a tag that Word split over two runs, and a content control bound to `Forms.Subject`.
 */
import type { DemoContent, DemoTemplateSource } from "./source.ts";

interface Words {
  invoice: string;
  subject: string;
  enterSubject: string;
  regarding: string;
  notes: string;
  closing: string;
}

function letter(w: Words): DemoContent {
  return {
    header: [`Demo AG · ${w.invoice} {Data.InvoiceNumber}`],
    body: [
      { paragraph: [`${w.invoice} {Data.InvoiceNumber}`], style: "Title" },
      {
        paragraph: [
          { strong: `${w.subject}: ` },
          { control: "Forms.Subject", placeholder: w.enterSubject },
        ],
      },
      { paragraph: [`${w.regarding} `, { split: ["{Forms.Sub", "ject}"] }, "."] },
      { paragraph: [w.notes], style: "Heading1" },
      { paragraph: ["{Forms.Notes}"] },
      { paragraph: [w.closing] },
    ],
    footer: ["{Forms.Subject} · Demo AG · Musterstrasse 1 · 8000 Zürich"],
  };
}

export const invoiceLetter: DemoTemplateSource = {
  meta: {
    id: "30b55516-80b5-41d7-801b-b31d6da376ac",
    name: {
      de: "Rechnungsbrief",
      fr: "Lettre de facture",
      it: "Lettera di fattura",
      en: "Invoice letter",
    },
    tags: ["Invoice", "Letter"],
    languages: ["de-CH", "fr-CH", "it-CH", "en-GB", "es-ES"],
    defaultLanguage: "de-CH",
    formFields: [
      {
        id: "Subject",
        type: "text",
        required: true,
        label: { de: "Betreff", fr: "Objet", it: "Oggetto", en: "Subject" },
      },
      {
        id: "Notes",
        type: "multiline",
        required: false,
        label: { de: "Bemerkungen", fr: "Remarques", it: "Osservazioni", en: "Notes" },
      },
    ],
    dataFields: ["InvoiceNumber"],
    dataLabels: {
      InvoiceNumber: {
        de: "Rechnungsnummer",
        fr: "Numéro de facture",
        it: "Numero di fattura",
        en: "Invoice number",
      },
    },
  },
  content: {
    "de-CH": letter({
      invoice: "Rechnung",
      subject: "Betreff",
      enterSubject: "Betreff eingeben",
      regarding: "Wir beziehen uns auf",
      notes: "Bemerkungen",
      closing: "Freundliche Grüsse",
    }),
    "fr-CH": letter({
      invoice: "Facture",
      subject: "Objet",
      enterSubject: "Saisir l’objet",
      regarding: "Nous nous référons à",
      notes: "Remarques",
      closing: "Meilleures salutations",
    }),
    "it-CH": letter({
      invoice: "Fattura",
      subject: "Oggetto",
      enterSubject: "Inserire l’oggetto",
      regarding: "Ci riferiamo a",
      notes: "Osservazioni",
      closing: "Cordiali saluti",
    }),
    "en-GB": letter({
      invoice: "Invoice",
      subject: "Subject",
      enterSubject: "Enter the subject",
      regarding: "We refer to",
      notes: "Notes",
      closing: "Kind regards",
    }),
    "es-ES": letter({
      invoice: "Factura",
      subject: "Asunto",
      enterSubject: "Introduzca el asunto",
      regarding: "Nos referimos a",
      notes: "Observaciones",
      closing: "Saludos cordiales",
    }),
  },
};
