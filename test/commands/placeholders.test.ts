import { describe, expect, it } from "vitest";

import { attributeValue, fillPlaceholders, lookupField } from "../../src/commands/placeholders.ts";
import { object, sessionValues, text } from "./values.ts";

const values = sessionValues(
  { Subject: text("Offer & more"), Notes: text("") },
  {
    InvoiceNumber: text("1234"),
    Customer: object({ Name: text("Müller AG"), Address: object({ City: text("Bern") }) }),
    Lines: { kind: "collection", items: [] },
    Path: text("../a b/?x=1#y"),
  },
);

describe("lookupField", () => {
  it("reads a value and walks objects by dot path", () => {
    expect(lookupField(values, "Data.InvoiceNumber")).toBe("1234");
    expect(lookupField(values, "Data.Customer.Address.City")).toBe("Bern");
  });

  it("gives nothing for an object, a collection, a missing key or a prototype name", () => {
    expect(lookupField(values, "Data.Customer")).toBeNull();
    expect(lookupField(values, "Data.Lines")).toBeNull();
    expect(lookupField(values, "Forms.Missing")).toBeNull();
    expect(lookupField(values, "Data.InvoiceNumber.Sub")).toBeNull();
    expect(lookupField(values, "Data.toString")).toBeNull();
    expect(lookupField(values, "Other.Subject")).toBeNull();
  });
});

describe("fillPlaceholders", () => {
  it("fills Forms and Data placeholders with their text", () => {
    const filled = fillPlaceholders("Offer {Data.InvoiceNumber}: {Forms.Subject}", values);

    expect(filled).toEqual({ text: "Offer 1234: Offer & more", missing: [] });
  });

  it("fills nested object values", () => {
    expect(
      fillPlaceholders("{Data.Customer.Name}, {Data.Customer.Address.City}", values).text,
    ).toBe("Müller AG, Bern");
  });

  it("fills nothing for missing values, objects and collections and lists them", () => {
    const filled = fillPlaceholders("a{Forms.Missing}b{Data.Customer}c{Data.Lines}d", values);

    expect(filled).toEqual({
      text: "abcd",
      missing: ["Forms.Missing", "Data.Customer", "Data.Lines"],
    });
  });

  it("leaves braces that are not placeholders as written", () => {
    expect(
      fillPlaceholders("{Subject} {Forms.} {Other.X} {{Data.InvoiceNumber}}", values).text,
    ).toBe("{Subject} {Forms.} {Other.X} {1234}");
  });

  it("fills an unpaired surrogate as U+FFFD, in text and percent-encoded in a URL", () => {
    // A JSON payload can carry one; a lone surrogate in a failure message would break the
    // test runner's report, hence the JSON form of the text.
    const lone = sessionValues({}, { CaseId: text("A\ud800B") });

    expect(fillPlaceholders("https://erp.example/{Data.CaseId}", lone, "url").text).toBe(
      "https://erp.example/A%EF%BF%BDB",
    );
    expect(JSON.stringify(fillPlaceholders("{Data.CaseId}", lone).text)).toBe('"A\ufffdB"');
  });

  it("percent-encodes filled values inside a URL, but not the URL around them", () => {
    const filled = fillPlaceholders(
      "https://erp.example/api/docs/{Data.Path}?subject={Forms.Subject}",
      values,
      "url",
    );

    expect(filled.text).toBe(
      "https://erp.example/api/docs/..%2Fa%20b%2F%3Fx%3D1%23y?subject=Offer%20%26%20more",
    );
  });
});

describe("attributeValue", () => {
  it("takes the whole value from a field- binding, unencoded even for a URL", () => {
    const bound = sessionValues({}, { Target: text("https://erp.example/a b?x=1") });

    const url = attributeValue(
      "Url",
      "https://ignored.example/",
      { Url: "Data.Target" },
      bound,
      "url",
    );

    expect(url).toEqual({ text: "https://erp.example/a b?x=1", missing: [] });
  });

  it("falls back to the literal attribute when the bound field has no value", () => {
    const name = attributeValue(
      "FileName",
      "Offer {Data.InvoiceNumber}.docx",
      { FileName: "Forms.Missing" },
      values,
    );

    expect(name).toEqual({ text: "Offer 1234.docx", missing: ["Forms.Missing"] });
  });

  it("is empty when only a binding without a value is given, and null with neither", () => {
    expect(attributeValue("Title", null, { Title: "Forms.Missing" }, values)).toEqual({
      text: "",
      missing: ["Forms.Missing"],
    });
    expect(attributeValue("FileName", null, {}, values)).toBeNull();
  });

  it("uses a binding for its own attribute only", () => {
    const title = attributeValue("Title", "Done", { Message: "Forms.Subject" }, values);

    expect(title?.text).toBe("Done");
  });
});
