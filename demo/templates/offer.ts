/**
 * "Offer": one file for all its languages (`"*"`), a table row repeated for every item of
 * the `Data.Positions` collection, and choice, date and yes/no form fields, the last one
 * switching a paragraph on and off.
 */
import type { DemoTemplateSource } from "./source.ts";

export const offer: DemoTemplateSource = {
  meta: {
    id: "c3d9a1f0-7b2e-4e8a-a5c6-1d4f9b0e2a63",
    name: { de: "Offerte", fr: "Offre", it: "Offerta", en: "Offer" },
    tags: ["Offer", "Customer"],
    languages: ["de-CH", "en-GB"],
    defaultLanguage: "de-CH",
    formFields: [
      {
        id: "ValidUntil",
        type: "date",
        required: true,
        label: {
          de: "Gültig bis",
          fr: "Valable jusqu’au",
          it: "Valida fino al",
          en: "Valid until",
        },
      },
      {
        id: "Delivery",
        type: "choice",
        required: true,
        label: { de: "Lieferung", fr: "Livraison", it: "Consegna", en: "Delivery" },
        options: [
          { value: "Post", label: { de: "Post", fr: "Poste", it: "Posta", en: "Post" } },
          {
            value: "Courier",
            label: { de: "Kurier", fr: "Coursier", it: "Corriere", en: "Courier" },
          },
          {
            value: "Pickup",
            label: { de: "Abholung", fr: "Retrait", it: "Ritiro", en: "Pick-up" },
          },
        ],
      },
      {
        id: "IncludeTerms",
        type: "yesno",
        required: false,
        label: {
          de: "AGB beilegen",
          fr: "Joindre les CG",
          it: "Allegare le CG",
          en: "Include terms",
        },
      },
    ],
    dataFields: ["CustomerName", "Positions", "Total"],
    dataLabels: {
      CustomerName: { de: "Kunde", fr: "Client", it: "Cliente", en: "Customer" },
      Positions: { de: "Positionen", fr: "Positions", it: "Posizioni", en: "Items" },
      Total: { de: "Total", fr: "Total", it: "Totale", en: "Total" },
    },
  },
  content: {
    "*": {
      header: ["Demo AG · Offerte / Offer"],
      body: [
        { paragraph: ["Offerte / Offer"], style: "Title" },
        { paragraph: ["{Data.CustomerName}"] },
        {
          table: {
            loop: "Data.Positions",
            header: ["Position", "Menge / Quantity", "Preis / Price"],
            cells: ["{Description}", "{Quantity}", "{Price}"],
          },
        },
        { paragraph: [{ strong: "Total: {Data.Total}" }] },
        { paragraph: ["Gültig bis / Valid until {Forms.ValidUntil} · {Forms.Delivery}"] },
        { paragraph: ["{#Forms.IncludeTerms}"] },
        { paragraph: ["Es gelten unsere AGB. / Our general terms apply."] },
        { paragraph: ["{/Forms.IncludeTerms}"] },
      ],
      footer: ["{Data.CustomerName}"],
    },
  },
};
