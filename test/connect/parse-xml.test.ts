import { describe, expect, it } from "vitest";

import { parseConnectXml } from "../../src/connect/parse-xml.ts";
import { SAMPLE_XML, connectOf, connectXml } from "./results.ts";

function commandsXml(groups: string): string {
  return connectXml(`<Commands>${groups}</Commands>`);
}

describe("parseConnectXml: the Connect payload", () => {
  it("reads the public sample payload", () => {
    expect(connectOf(parseConnectXml(SAMPLE_XML))).toEqual({
      template: { kind: "id", id: "30b55516-80b5-41d7-801b-b31d6da376ac" },
      documentLanguage: "es-es",
      forms: {
        Subject: { kind: "value", text: "From Sample Script" },
        Notes: { kind: "value", text: "Sample Note" },
      },
      data: { InvoiceNumber: { kind: "value", text: "1234" } },
      commands: { OnSuccess: [], OnError: [], OnCancel: [], OnExit: [] },
    });
  });

  it("reads the sample from UTF-8 bytes with a declaration", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n${SAMPLE_XML}`;
    const fromBytes = connectOf(parseConnectXml(new TextEncoder().encode(xml)));
    expect(fromBytes).toEqual(connectOf(parseConnectXml(SAMPLE_XML)));
  });

  it("reads an empty payload as no template, no language, no values and no commands", () => {
    expect(connectOf(parseConnectXml("<primedocsConnect/>"))).toEqual({
      template: null,
      documentLanguage: null,
      forms: {},
      data: {},
      commands: { OnSuccess: [], OnError: [], OnCancel: [], OnExit: [] },
    });
  });

  it("normalises the template id to lower case", () => {
    const connect = connectOf(
      parseConnectXml(connectXml('<Template Id="30B55516-80B5-41D7-801B-B31D6DA376AC"/>')),
    );
    expect(connect.template).toEqual({ kind: "id", id: "30b55516-80b5-41d7-801b-b31d6da376ac" });
  });

  it("reads a tag filter as OR of AND-groups, trimming each tag", () => {
    const xml = connectXml(
      '<Template><TagFilter AllowTemplatePicker="true"><Tag>Offer; Sales</Tag><Tag> Letter </Tag></TagFilter></Template>',
    );
    expect(connectOf(parseConnectXml(xml)).template).toEqual({
      kind: "tags",
      anyOf: [["Offer", "Sales"], ["Letter"]],
      allowTemplatePicker: true,
    });
  });

  it("defaults AllowTemplatePicker to false and reads it in any case", () => {
    const filter = (attribute: string) =>
      connectOf(
        parseConnectXml(
          connectXml(`<Template><TagFilter${attribute}><Tag>A</Tag></TagFilter></Template>`),
        ),
      ).template;
    expect(filter("")).toMatchObject({ allowTemplatePicker: false });
    expect(filter(' AllowTemplatePicker="False"')).toMatchObject({ allowTemplatePicker: false });
    expect(filter(' AllowTemplatePicker="TRUE"')).toMatchObject({ allowTemplatePicker: true });
  });

  it("accepts culture tags such as de-CH, es-es, en and sr-Latn-RS", () => {
    for (const code of ["de-CH", "es-es", "en", "sr-Latn-RS", "es-419"]) {
      const xml = connectXml(`<DocumentLanguage Code="${code}"/>`);
      expect(connectOf(parseConnectXml(xml)).documentLanguage).toBe(code);
    }
  });

  it("reads objects, collections and nested objects in order", () => {
    const xml = connectXml(`
      <Data>
        <Value Key="Case">42</Value>
        <Object Key="Customer">
          <Value Key="Name">Muster AG</Value>
          <Object Key="Address"><Value Key="City">Bern</Value></Object>
        </Object>
        <ObjectCollection Key="Lines">
          <Item><Value Key="Text">First</Value><Value Key="Amount">10</Value></Item>
          <Item><Value Key="Text">Second</Value></Item>
          <Item/>
        </ObjectCollection>
      </Data>`);
    const data = connectOf(parseConnectXml(xml)).data;
    expect(Object.keys(data)).toEqual(["Case", "Customer", "Lines"]);
    expect(data).toEqual({
      Case: { kind: "value", text: "42" },
      Customer: {
        kind: "object",
        values: {
          Name: { kind: "value", text: "Muster AG" },
          Address: { kind: "object", values: { City: { kind: "value", text: "Bern" } } },
        },
      },
      Lines: {
        kind: "collection",
        items: [
          { Text: { kind: "value", text: "First" }, Amount: { kind: "value", text: "10" } },
          { Text: { kind: "value", text: "Second" } },
          {},
        ],
      },
    });
  });

  it("keeps values in objects without a prototype", () => {
    const forms = connectOf(
      parseConnectXml(connectXml('<Forms><Value Key="constructor">x</Value></Forms>')),
    ).forms;
    expect(Object.getPrototypeOf(forms)).toBeNull();
    expect(forms.constructor).toEqual({ kind: "value", text: "x" });
    expect("toString" in forms).toBe(false);
  });

  it("reads every command, its target, headers and field bindings", () => {
    const xml = commandsXml(`
      <OnSuccess>
        <DownloadFile FileName="Offer {Data.InvoiceNumber}.docx" field-FileName="Forms.Subject"><Document/></DownloadFile>
        <DownloadFile><Document Conversion="Pdf"/></DownloadFile>
        <InvokeUrl Url="https://erp.example/api/docs/{Data.CaseId}" Method="put">
          <Header Name="X-Source" Value="connect"/>
          <Header Name="X-Case" Value="{Data.CaseId}"/>
          <Document/>
        </InvokeUrl>
        <ShowDialog Title="Done" Message="The offer was filed in the ERP."/>
      </OnSuccess>
      <OnError><InvokeUrl field-Url="Data.ErrorUrl"><Report/></InvokeUrl></OnError>
      <OnCancel><ShowDialog field-Title="Forms.Title" Message="Cancelled"><Report/></ShowDialog></OnCancel>
      <OnExit><DownloadFile FileName="report.xml"><Report/></DownloadFile></OnExit>`);
    expect(connectOf(parseConnectXml(xml)).commands).toEqual({
      OnSuccess: [
        {
          type: "DownloadFile",
          fileName: "Offer {Data.InvoiceNumber}.docx",
          target: { kind: "document", conversion: null },
          fieldBindings: { FileName: "Forms.Subject" },
        },
        {
          type: "DownloadFile",
          fileName: null,
          target: { kind: "document", conversion: "Pdf" },
          fieldBindings: {},
        },
        {
          type: "InvokeUrl",
          url: "https://erp.example/api/docs/{Data.CaseId}",
          method: "PUT",
          headers: [
            { name: "X-Source", value: "connect" },
            { name: "X-Case", value: "{Data.CaseId}" },
          ],
          target: { kind: "document", conversion: null },
          fieldBindings: {},
        },
        {
          type: "ShowDialog",
          title: "Done",
          message: "The offer was filed in the ERP.",
          target: null,
          fieldBindings: {},
        },
      ],
      OnError: [
        {
          type: "InvokeUrl",
          url: "",
          method: "POST",
          headers: [],
          target: { kind: "report" },
          fieldBindings: { Url: "Data.ErrorUrl" },
        },
      ],
      OnCancel: [
        {
          type: "ShowDialog",
          title: "",
          message: "Cancelled",
          target: { kind: "report" },
          fieldBindings: { Title: "Forms.Title" },
        },
      ],
      OnExit: [
        {
          type: "DownloadFile",
          fileName: "report.xml",
          target: { kind: "report" },
          fieldBindings: {},
        },
      ],
    });
  });
});
