/**
 * "Customer letter": a plain letter with the address block from `Data`, a date field and a
 * block-level content control for the body. Shares the tag `Letter` with the invoice letter
 * and `Customer` with the offer, so tag filters can match one or several templates.
 */
import type { DemoContent, DemoTemplateSource } from "./source.ts";

function letter(date: string, body: string, closing: string): DemoContent {
  return {
    header: ["Demo AG"],
    body: [
      { paragraph: ["{Data.CustomerName}"] },
      { paragraph: ["{Data.CustomerAddress}"] },
      { paragraph: [`${date} {Forms.LetterDate}`] },
      { paragraph: ["{Forms.Subject}"], style: "Heading1" },
      { blockControl: "Forms.Body", placeholder: body },
      { paragraph: [closing] },
    ],
    footer: ["Demo AG · {Data.CustomerName}"],
  };
}

export const customerLetter: DemoTemplateSource = {
  meta: {
    id: "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41",
    name: {
      de: "Kundenbrief",
      fr: "Lettre au client",
      it: "Lettera al cliente",
      en: "Customer letter",
    },
    tags: ["Letter", "Customer"],
    languages: ["de-CH", "fr-CH", "en-GB"],
    defaultLanguage: "de-CH",
    formFields: [
      {
        id: "Subject",
        type: "text",
        required: true,
        label: { de: "Betreff", fr: "Objet", it: "Oggetto", en: "Subject" },
      },
      {
        id: "LetterDate",
        type: "date",
        required: true,
        label: { de: "Datum", fr: "Date", it: "Data", en: "Date" },
      },
      {
        id: "Body",
        type: "multiline",
        required: false,
        label: { de: "Text", fr: "Texte", it: "Testo", en: "Text" },
      },
    ],
    dataFields: ["CustomerName", "CustomerAddress"],
    dataLabels: {
      CustomerName: { de: "Kunde", fr: "Client", it: "Cliente", en: "Customer" },
      CustomerAddress: { de: "Adresse", fr: "Adresse", it: "Indirizzo", en: "Address" },
    },
  },
  content: {
    "de-CH": letter("Zürich,", "Text eingeben", "Freundliche Grüsse"),
    "fr-CH": letter("Zurich, le", "Saisir le texte", "Meilleures salutations"),
    "en-GB": letter("Zurich,", "Enter the text", "Kind regards"),
  },
};
