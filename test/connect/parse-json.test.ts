import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";

import { connectToJson, toJsonValues } from "../../src/connect/json-convert.ts";
import { connectPayloadSchema, valuesSchema } from "../../src/connect/json-schema.ts";
import {
  MAX_JSON_DEPTH,
  MAX_JSON_ENTRIES,
  MAX_NAME_LENGTH,
  MAX_STRING_LENGTH,
} from "../../src/connect/limits.ts";
import { parseConnectJson } from "../../src/connect/parse-json.ts";
import { parseConnectXml } from "../../src/connect/parse-xml.ts";
import { SAMPLE_XML, codesAndPaths, connectOf, issuesOf, malformedIssue } from "./results.ts";

const SAMPLE_JSON = {
  template: { id: "30b55516-80b5-41d7-801b-b31d6da376ac" },
  documentLanguage: "es-es",
  forms: { Subject: "From Sample Script", Notes: "Sample Note" },
  data: { InvoiceNumber: "1234" },
};

/** One payload with every feature, in both forms. */
const FULL_XML = `<primedocsConnect>
  <Template><TagFilter AllowTemplatePicker="true"><Tag>Offer;Sales</Tag><Tag>Letter</Tag></TagFilter></Template>
  <DocumentLanguage Code="de-CH"/>
  <Forms><Value Key="Subject">  Offer  </Value></Forms>
  <Data>
    <Object Key="Customer"><Value Key="Name">Muster AG</Value></Object>
    <ObjectCollection Key="Lines"><Item><Value Key="Text">One</Value></Item><Item/></ObjectCollection>
  </Data>
  <Commands>
    <OnSuccess>
      <DownloadFile FileName="Offer.docx" field-FileName="Forms.Subject"><Document Conversion="Pdf"/></DownloadFile>
      <InvokeUrl Url="https://erp.example/{Data.CaseId}" Method="PATCH"><Header Name="X-Source" Value="connect"/><Document/></InvokeUrl>
      <ShowDialog Title="Done" Message="Filed."/>
    </OnSuccess>
    <OnError><InvokeUrl field-Url="Data.ErrorUrl"><Report/></InvokeUrl></OnError>
    <OnCancel><ShowDialog Title="Cancelled" field-Message="Forms.Reason"><Report/></ShowDialog></OnCancel>
    <OnExit><DownloadFile><Report/></DownloadFile></OnExit>
  </Commands>
</primedocsConnect>`;

const FULL_JSON = {
  template: { tagFilter: { tags: ["Offer;Sales", "Letter"], allowTemplatePicker: true } },
  documentLanguage: "de-CH",
  forms: { Subject: "  Offer  " },
  data: { Customer: { Name: "Muster AG" }, Lines: [{ Text: "One" }, {}] },
  commands: {
    onSuccess: [
      {
        type: "DownloadFile",
        fileName: "Offer.docx",
        target: "document",
        conversion: "Pdf",
        fieldBindings: { fileName: "Forms.Subject" },
      },
      {
        type: "InvokeUrl",
        url: "https://erp.example/{Data.CaseId}",
        method: "PATCH",
        headers: [{ name: "X-Source", value: "connect" }],
        target: "document",
      },
      { type: "ShowDialog", title: "Done", message: "Filed." },
    ],
    onError: [{ type: "InvokeUrl", target: "report", fieldBindings: { url: "Data.ErrorUrl" } }],
    onCancel: [
      {
        type: "ShowDialog",
        title: "Cancelled",
        target: "report",
        fieldBindings: { message: "Forms.Reason" },
      },
    ],
    onExit: [{ type: "DownloadFile", target: "report" }],
  },
};

function invalidJson(value: unknown) {
  return issuesOf(parseConnectJson(value), "invalid");
}

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 1; i < depth; i++) value = { Key: value };
  return value;
}

describe("parseConnectJson", () => {
  it("reads the sample payload as the XML sample reads", () => {
    expect(connectOf(parseConnectJson(SAMPLE_JSON))).toEqual(
      connectOf(parseConnectXml(SAMPLE_XML)),
    );
  });

  it("reads every feature exactly as the XML form reads it", () => {
    expect(connectOf(parseConnectJson(FULL_JSON))).toEqual(connectOf(parseConnectXml(FULL_XML)));
  });

  it("reads an empty object as an empty Connect", () => {
    expect(connectOf(parseConnectJson({}))).toEqual(
      connectOf(parseConnectXml("<primedocsConnect/>")),
    );
  });

  it("normalises the template id to lower case and defaults method and picker", () => {
    const connect = connectOf(
      parseConnectJson({
        template: { id: "30B55516-80B5-41D7-801B-B31D6DA376AC" },
        commands: { onSuccess: [{ type: "InvokeUrl", url: "https://x", target: "report" }] },
      }),
    );
    expect(connect.template).toEqual({ kind: "id", id: "30b55516-80b5-41d7-801b-b31d6da376ac" });
    expect(connect.commands.OnSuccess[0]).toMatchObject({ method: "POST", headers: [] });
    const tags = connectOf(parseConnectJson({ template: { tagFilter: { tags: ["A"] } } })).template;
    expect(tags).toEqual({ kind: "tags", anyOf: [["A"]], allowTemplatePicker: false });
  });

  it("rejects what the XML form rejects, listing every problem with a JSON pointer", () => {
    const issues = invalidJson({
      author: { name: "x" },
      template: { id: "not-a-guid", version: "Draft" },
      documentLanguage: "german",
      forms: { "a.b": "x", Count: 5, Deep: { Lines: [{ N: 1 }] } },
      commands: {
        onSuccess: [
          { type: "SaveFile", path: "C:\\x" },
          { target: "report" },
          {
            type: "InvokeUrl",
            url: "ftp://x",
            headers: [{ name: "Bad Name", value: "a\nb" }],
            target: "report",
          },
          {
            type: "DownloadFile",
            target: "report",
            conversion: "Pdf",
            fieldBindings: { fileName: "Subject" },
          },
          { type: "ShowDialog", title: "t" },
          { type: "DownloadFile", target: "document", extra: 1 },
        ],
        onError: [{ type: "DownloadFile", target: "document" }],
      },
    });
    expect(issues.every((issue) => issue.line === null && issue.column === null)).toBe(true);
    expect(codesAndPaths(issues)).toEqual(
      expect.arrayContaining([
        { code: "unsupported-element", path: "/author" },
        { code: "invalid-guid", path: "/template/id" },
        { code: "unsupported-attribute", path: "/template/version" },
        { code: "invalid-culture", path: "/documentLanguage" },
        { code: "invalid-key", path: "/forms/a.b" },
        { code: "invalid-value", path: "/forms/Count" },
        { code: "invalid-value", path: "/forms/Deep/Lines/0/N" },
        { code: "unsupported-command", path: "/commands/onSuccess/0/type" },
        { code: "missing-property", path: "/commands/onSuccess/1/type" },
        { code: "invalid-url", path: "/commands/onSuccess/2/url" },
        { code: "invalid-header-name", path: "/commands/onSuccess/2/headers/0/name" },
        { code: "invalid-header-value", path: "/commands/onSuccess/2/headers/0/value" },
        { code: "invalid-field-binding", path: "/commands/onSuccess/3/fieldBindings/fileName" },
        { code: "missing-property", path: "/commands/onSuccess/4/message" },
        { code: "unknown-property", path: "/commands/onSuccess/5/extra" },
        { code: "document-target-not-allowed", path: "/commands/onError/0/target" },
      ]),
    );
    expect(issues.find((issue) => issue.path === "/commands/onSuccess/0/type")?.message).toContain(
      "DownloadFile",
    );
  });

  it("rejects a template with both or neither of id and tagFilter, and empty tags", () => {
    const id = "30b55516-80b5-41d7-801b-b31d6da376ac";
    expect(codesAndPaths(invalidJson({ template: { id, tagFilter: { tags: ["A"] } } }))).toEqual([
      { code: "conflicting-template-selection", path: "/template" },
    ]);
    expect(codesAndPaths(invalidJson({ template: {} }))).toEqual([
      { code: "missing-template-selection", path: "/template" },
    ]);
    expect(codesAndPaths(invalidJson({ template: { tagFilter: { tags: [] } } }))).toEqual([
      { code: "empty-tag-filter", path: "/template/tagFilter/tags" },
    ]);
    expect(codesAndPaths(invalidJson({ template: { tagFilter: { tags: ["A;;B"] } } }))).toEqual([
      { code: "invalid-tag", path: "/template/tagFilter/tags/0" },
    ]);
  });

  it("rejects conversion without a document target, bad methods and conversions", () => {
    const issues = invalidJson({
      commands: {
        onSuccess: [
          { type: "ShowDialog", title: "t", message: "m", conversion: "Pdf" },
          { type: "InvokeUrl", url: "https://x", method: "GET", target: "report" },
          { type: "DownloadFile", target: "document", conversion: "Docx" },
        ],
      },
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: "invalid-conversion", path: "/commands/onSuccess/0/conversion" },
      { code: "invalid-method", path: "/commands/onSuccess/1/method" },
      { code: "invalid-conversion", path: "/commands/onSuccess/2/conversion" },
    ]);
  });

  it("rejects a __proto__ key by name instead of dropping it", () => {
    const value: unknown = JSON.parse('{"forms":{"__proto__":{"polluted":"yes"},"A":"x"}}');
    expect(codesAndPaths(invalidJson(value))).toEqual([
      { code: "invalid-key", path: "/forms/__proto__" },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects values of the wrong type and a payload that is not an object", () => {
    expect(codesAndPaths(invalidJson({ documentLanguage: 5, forms: [] }))).toEqual([
      { code: "invalid-type", path: "/documentLanguage" },
      { code: "invalid-type", path: "/forms" },
    ]);
    for (const value of [null, "x", [], 5]) {
      expect(codesAndPaths(invalidJson(value))).toEqual([{ code: "invalid-type", path: "" }]);
    }
  });

  it("escapes JSON pointer segments", () => {
    expect(codesAndPaths(invalidJson({ forms: { "a/b~c": "x" } }))).toEqual([
      { code: "invalid-key", path: "/forms/a~1b~0c" },
    ]);
  });

  it("accepts nesting as deep as the limit and rejects one level more", () => {
    expect(parseConnectJson({ forms: nested(MAX_JSON_DEPTH) }).ok).toBe(true);
    expect(malformedIssue(parseConnectJson({ forms: nested(MAX_JSON_DEPTH + 1) }))).toMatchObject({
      code: "too-deep",
      line: null,
      column: null,
    });
  });

  it("rejects too many entries and too long strings as malformed", () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_JSON_ENTRIES }, (_, i) => [`K${i}`, "v"]),
    );
    expect(malformedIssue(parseConnectJson({ forms: many })).code).toBe("too-many-entries");
    expect(
      malformedIssue(parseConnectJson({ forms: { A: "x".repeat(MAX_STRING_LENGTH + 1) } })),
    ).toMatchObject({
      code: "string-too-long",
      path: "/forms/A",
    });
  });

  it("names the whole payload in words when it is not an object", () => {
    expect(issuesOf(parseConnectJson([]), "invalid")).toMatchObject([
      { path: "", code: "invalid-type", message: "The payload must be an object, not an array." },
    ]);
  });

  it("rejects a property name longer than the limit at its object, without repeating it", () => {
    const long = "k".repeat(MAX_NAME_LENGTH + 1);
    const issue = malformedIssue(parseConnectJson({ forms: { [long]: "v" } }));
    expect(issue).toMatchObject({ code: "name-too-long", path: "/forms" });
    expect(issue.message.length).toBeLessThan(100);
    expect(malformedIssue(parseConnectJson({ [long]: 1 }))).toMatchObject({ path: "" });
  });
});

describe("connectToJson and toJsonValues", () => {
  it("give back the JSON form that was parsed, with defaults spelled out", () => {
    expect(connectToJson(connectOf(parseConnectJson(SAMPLE_JSON)))).toEqual(SAMPLE_JSON);
    const [onError] = FULL_JSON.commands.onError;
    expect(connectToJson(connectOf(parseConnectJson(FULL_JSON)))).toEqual({
      ...FULL_JSON,
      commands: { ...FULL_JSON.commands, onError: [{ ...onError, method: "POST" }] },
    });
  });

  it("round-trip a Connect read from XML", () => {
    const connect = connectOf(parseConnectXml(FULL_XML));
    expect(connectOf(parseConnectJson(connectToJson(connect)))).toEqual(connect);
  });

  it("shows Forms and Data in the shape the schema accepts", () => {
    const connect = connectOf(parseConnectXml(FULL_XML));
    const data = toJsonValues(connect.data);
    expect(data).toEqual({ Customer: { Name: "Muster AG" }, Lines: [{ Text: "One" }, {}] });
    expect(valuesSchema.safeParse(data).success).toBe(true);
  });
});

describe("connectPayloadSchema", () => {
  it("feeds the OpenAPI document with named components", () => {
    const app = new OpenAPIHono();
    const route = createRoute({
      method: "post",
      path: "/session",
      request: { body: { content: { "application/json": { schema: connectPayloadSchema } } } },
      responses: { 201: { description: "created" } },
    });
    app.openapi(route, (c) => c.body(null, 201));
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const names = Object.keys(doc.components?.schemas ?? {});
    expect(names).toEqual(
      expect.arrayContaining([
        "ConnectPayload",
        "ConnectValues",
        "ConnectValue",
        "ConnectTemplate",
        "ConnectCommand",
        "ConnectCommands",
      ]),
    );
  });
});
