import { describe, expect, it } from "vitest";

import {
  OFFER_DEFINITION,
  customerLetterDefinition,
} from "../../demo/session-templates/content.ts";
import { parseDefinition } from "../../src/session-templates/parse-definition.ts";

describe("parseDefinition", () => {
  it("reads the demo definitions with every initializer kind", () => {
    const letter = parseDefinition(customerLetterDefinition("http://127.0.0.1:8787"));
    const offer = parseDefinition(OFFER_DEFINITION);
    expect(letter.ok && letter.definition.initializers.map((i) => i.kind)).toEqual(["csv", "http"]);
    expect(offer.ok && offer.definition.initializers.map((i) => i.kind)).toEqual([
      "sql",
      "sql",
      "excel",
    ]);
    expect(letter.ok && letter.definition.connect.template).toEqual({
      kind: "id",
      id: "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41",
    });
    expect(letter.ok && letter.definition.onError.map((c) => c.type)).toEqual(["ShowDialog"]);
  });

  it("lists every problem with its path, line and column", () => {
    const xml = [
      `<primedocsConnectSessionTemplate Name="bad name">`,
      `  <primedocsConnect><Template Id="nope"/><Author/></primedocsConnect>`,
      `  <Initializers>`,
      `    <SqlInitializer><Query>DELETE FROM customers</Query></SqlInitializer>`,
      `    <HttpInitializer Url="ftp://x" Method="PUT"/>`,
      `    <CsvInitializer File="../secret.csv" Delimiter=";;"><Map From="A" To="Other.X"/></CsvInitializer>`,
      `    <ExcelInitializer Url="https://files.example/a.xlsx"/>`,
      `    <LdapInitializer/>`,
      `  </Initializers>`,
      `  <Initialization><OnSuccess><DownloadFile><Document/></DownloadFile></OnSuccess></Initialization>`,
      `</primedocsConnectSessionTemplate>`,
    ].join("\n");
    const result = parseDefinition(xml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.issues.map((i) => `${i.line}:${i.column} ${i.code} ${i.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "1:1 invalid-value /primedocsConnectSessionTemplate",
        "2:21 invalid-guid /primedocsConnectSessionTemplate/primedocsConnect[1]/Template",
        "2:42 unsupported-element /primedocsConnectSessionTemplate/primedocsConnect[1]/Author[1]",
        "4:21 invalid-value /primedocsConnectSessionTemplate/Initializers[1]/SqlInitializer[1]/Query[1]",
        "5:5 invalid-url /primedocsConnectSessionTemplate/Initializers[1]/HttpInitializer[1]",
        "5:5 invalid-method /primedocsConnectSessionTemplate/Initializers[1]/HttpInitializer[1]",
        "5:5 missing-target /primedocsConnectSessionTemplate/Initializers[1]/HttpInitializer[1]",
        "6:5 invalid-value /primedocsConnectSessionTemplate/Initializers[1]/CsvInitializer[1]",
        "6:57 invalid-field-binding /primedocsConnectSessionTemplate/Initializers[1]/CsvInitializer[1]/Map[1]",
        "7:5 missing-attribute /primedocsConnectSessionTemplate/Initializers[1]/ExcelInitializer[1]",
        "8:5 unknown-element /primedocsConnectSessionTemplate/Initializers[1]/LdapInitializer[1]",
      ]),
    );
    expect(found).toContain(
      "10:30 unsupported-command /primedocsConnectSessionTemplate/Initialization[1]/OnSuccess/DownloadFile[1]",
    );
    expect(result.issues.some((i) => i.code === "document-target-not-allowed")).toBe(true);
    expect(result.issues).toHaveLength(14);
  });

  it("reports malformed XML with line and column", () => {
    const result = parseDefinition(`<primedocsConnectSessionTemplate Name="x">\n<Initializers>`);
    expect(result).toMatchObject({ ok: false, kind: "malformed" });
  });

  it("refuses {Param.X} in Initialization commands, which see only Forms and Data", () => {
    const xml = `<primedocsConnectSessionTemplate Name="P">
  <primedocsConnect><Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/></primedocsConnect>
  <Initialization><OnError>
    <InvokeUrl Url="https://receiver.example/x?by={Param.Agent}"><Report/></InvokeUrl>
  </OnError></Initialization>
</primedocsConnectSessionTemplate>`;
    const result = parseDefinition(xml);
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "invalid-value", line: 4 });
    expect(result.issues[0]?.message).toContain("{Param.Agent}");
    expect(parseDefinition(xml.replace("{Param.Agent}", "{Data.Agent}")).ok).toBe(true);
  });

  it("names only OnSuccess and OnError for an unknown child of <Initialization>", () => {
    const xml = `<primedocsConnectSessionTemplate Name="P">
  <primedocsConnect><Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/></primedocsConnect>
  <Initialization><OnExit/><Later/></Initialization>
</primedocsConnectSessionTemplate>`;
    const result = parseDefinition(xml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message)).toEqual([
      "<OnExit> is not known here; allowed inside <Initialization>: OnSuccess, OnError.",
      "<Later> is not known here; allowed inside <Initialization>: OnSuccess, OnError.",
    ]);
  });

  it("asks for the definition root when the upload is empty", () => {
    const result = parseDefinition("");
    expect(result).toMatchObject({ ok: false, kind: "malformed" });
    if (result.ok) return;
    expect(result.issues[0]?.message).toBe(
      "The definition has no root element; send <primedocsConnectSessionTemplate>.",
    );
  });
});
