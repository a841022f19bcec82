import { describe, expect, it } from "vitest";

import { MAX_COMMANDS, MAX_REPORTED_ISSUES } from "../../src/connect/limits.ts";
import { parseConnectJson } from "../../src/connect/parse-json.ts";
import { parseConnectXml } from "../../src/connect/parse-xml.ts";
import { codesAndPaths, connectXml, issuesOf } from "./results.ts";

function invalid(inner: string) {
  return issuesOf(parseConnectXml(connectXml(inner)), "invalid");
}

function commandsXml(groups: string): string {
  return connectXml(`<Commands>${groups}</Commands>`);
}

describe("parseConnectXml: rejected payloads", () => {
  it("rejects SaveFile with its path and line", () => {
    const xml =
      "<primedocsConnect>\n<Commands>\n<OnSuccess>\n  <SaveFile Path='C:\\x'/>\n</OnSuccess>\n</Commands>\n</primedocsConnect>";
    expect(issuesOf(parseConnectXml(xml), "invalid")).toEqual([
      {
        path: "/primedocsConnect/Commands/OnSuccess/SaveFile[1]",
        line: 4,
        column: 3,
        code: "unsupported-command",
        message: expect.stringContaining("Use DownloadFile") as unknown,
      },
    ]);
  });

  it("rejects OpenFile, InvokeProcess and any other element in a handler group", () => {
    const issues = issuesOf(
      parseConnectXml(
        commandsXml("<OnExit><OpenFile/><InvokeProcess/><SendMail/><OpenFile/></OnExit>"),
      ),
      "invalid",
    );
    expect(codesAndPaths(issues)).toEqual([
      { code: "unsupported-command", path: "/primedocsConnect/Commands/OnExit/OpenFile[1]" },
      { code: "unsupported-command", path: "/primedocsConnect/Commands/OnExit/InvokeProcess[1]" },
      { code: "unsupported-command", path: "/primedocsConnect/Commands/OnExit/SendMail[1]" },
      { code: "unsupported-command", path: "/primedocsConnect/Commands/OnExit/OpenFile[2]" },
    ]);
  });

  it("rejects Author, Outlook and Template Version", () => {
    const issues = invalid(
      '<Author Name="x"/><Outlook/><Template Id="30b55516-80b5-41d7-801b-b31d6da376ac" Version="Draft"/>',
    );
    expect(codesAndPaths(issues)).toEqual([
      { code: "unsupported-element", path: "/primedocsConnect/Author[1]" },
      { code: "unsupported-element", path: "/primedocsConnect/Outlook[1]" },
      { code: "unsupported-attribute", path: "/primedocsConnect/Template" },
    ]);
  });

  it("rejects unknown elements and attributes anywhere, and a namespace", () => {
    const xml =
      '<primedocsConnect xmlns="urn:x"><Extra/><Forms Mode="x"><Value Key="A" Lang="de">x</Value></Forms></primedocsConnect>';
    const issues = issuesOf(parseConnectXml(xml), "invalid");
    expect(codesAndPaths(issues)).toEqual([
      { code: "unknown-attribute", path: "/primedocsConnect" },
      { code: "unknown-element", path: "/primedocsConnect/Extra[1]" },
      { code: "unknown-attribute", path: "/primedocsConnect/Forms" },
      { code: "unknown-attribute", path: "/primedocsConnect/Forms/Value[1]" },
    ]);
    expect(issues[0]?.message).toContain("no XML namespace");
  });

  it("rejects another root element", () => {
    const issues = issuesOf(parseConnectXml("<Connect/>"), "invalid");
    expect(issues).toEqual([
      expect.objectContaining({ code: "unknown-root", path: "/Connect", line: 1, column: 1 }),
    ]);
  });

  it("rejects a Document target outside OnSuccess", () => {
    const issues = issuesOf(
      parseConnectXml(
        commandsXml(
          "<OnError><DownloadFile><Document/></DownloadFile></OnError><OnCancel><InvokeUrl Url='https://x'><Document/></InvokeUrl></OnCancel><OnExit><ShowDialog Title='t' Message='m'><Document/></ShowDialog></OnExit>",
        ),
      ),
      "invalid",
    );
    expect(codesAndPaths(issues)).toEqual([
      {
        code: "document-target-not-allowed",
        path: "/primedocsConnect/Commands/OnError/DownloadFile[1]/Document",
      },
      {
        code: "document-target-not-allowed",
        path: "/primedocsConnect/Commands/OnCancel/InvokeUrl[1]/Document",
      },
      {
        code: "document-target-not-allowed",
        path: "/primedocsConnect/Commands/OnExit/ShowDialog[1]/Document",
      },
    ]);
  });

  it("rejects commands without a target or with two", () => {
    const issues = issuesOf(
      parseConnectXml(
        commandsXml(
          "<OnSuccess><DownloadFile/><InvokeUrl Url='https://x'/><DownloadFile><Document/><Report/></DownloadFile><ShowDialog Title='t' Message='m'><Report/><Report/></ShowDialog></OnSuccess>",
        ),
      ),
      "invalid",
    );
    expect(codesAndPaths(issues)).toEqual([
      { code: "missing-target", path: "/primedocsConnect/Commands/OnSuccess/DownloadFile[1]" },
      { code: "missing-target", path: "/primedocsConnect/Commands/OnSuccess/InvokeUrl[1]" },
      {
        code: "multiple-targets",
        path: "/primedocsConnect/Commands/OnSuccess/DownloadFile[2]/Report",
      },
      {
        code: "multiple-targets",
        path: "/primedocsConnect/Commands/OnSuccess/ShowDialog[1]/Report[2]",
      },
    ]);
  });

  it("rejects a Template with both or neither of Id and TagFilter, and an Id that is not a GUID", () => {
    const both = invalid(
      '<Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"><TagFilter><Tag>A</Tag></TagFilter></Template>',
    );
    expect(both.map((issue) => issue.code)).toEqual(["conflicting-template-selection"]);
    expect(invalid("<Template/>").map((issue) => issue.code)).toEqual([
      "missing-template-selection",
    ]);
    for (const id of [
      "30b55516",
      "{30b55516-80b5-41d7-801b-b31d6da376ac}",
      " 30b55516-80b5-41d7-801b-b31d6da376ac",
      "zzb55516-80b5-41d7-801b-b31d6da376ac",
    ]) {
      expect(invalid(`<Template Id="${id}"/>`).map((issue) => issue.code)).toEqual([
        "invalid-guid",
      ]);
    }
  });

  it("rejects empty tag filters, empty tags and a bad AllowTemplatePicker", () => {
    const issues = invalid(
      '<Template><TagFilter AllowTemplatePicker="yes"><Tag>A;;B</Tag><Tag> </Tag><Tag>C;</Tag></TagFilter></Template>',
    );
    expect(codesAndPaths(issues)).toEqual([
      { code: "invalid-boolean", path: "/primedocsConnect/Template/TagFilter" },
      { code: "invalid-tag", path: "/primedocsConnect/Template/TagFilter/Tag[1]" },
      { code: "invalid-tag", path: "/primedocsConnect/Template/TagFilter/Tag[2]" },
      { code: "invalid-tag", path: "/primedocsConnect/Template/TagFilter/Tag[3]" },
    ]);
    expect(invalid("<Template><TagFilter/></Template>").map((issue) => issue.code)).toEqual([
      "empty-tag-filter",
    ]);
  });

  it("rejects a missing or malformed language code", () => {
    expect(invalid("<DocumentLanguage/>").map((issue) => issue.code)).toEqual([
      "missing-attribute",
    ]);
    for (const code of ["german", "de_CH", "", "d", "de-", "de-CHE-"]) {
      expect(invalid(`<DocumentLanguage Code="${code}"/>`).map((issue) => issue.code)).toEqual([
        "invalid-culture",
      ]);
    }
  });

  it("rejects duplicate keys in Forms, Data, Objects and Items, and missing or bad keys", () => {
    const issues = invalid(`
      <Forms><Value Key="A">1</Value><Object Key="A"/></Forms>
      <Data>
        <Object Key="O"><Value Key="X"/><Value Key="X"/></Object>
        <ObjectCollection Key="C"><Item><Value Key="Y"/><Value Key="Y"/></Item></ObjectCollection>
        <Value>no key</Value>
        <Value Key="a.b"/>
        <Value Key="__proto__"/>
      </Data>`);
    expect(codesAndPaths(issues)).toEqual([
      { code: "duplicate-key", path: "/primedocsConnect/Forms/Object[1]" },
      { code: "duplicate-key", path: "/primedocsConnect/Data/Object[1]/Value[2]" },
      {
        code: "duplicate-key",
        path: "/primedocsConnect/Data/ObjectCollection[1]/Item[1]/Value[2]",
      },
      { code: "missing-attribute", path: "/primedocsConnect/Data/Value[1]" },
      { code: "invalid-key", path: "/primedocsConnect/Data/Value[2]" },
      { code: "invalid-key", path: "/primedocsConnect/Data/Value[3]" },
    ]);
  });

  it("rejects elements that may appear once when they appear twice", () => {
    const issues = invalid(
      '<Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/><Template Id="x"/><DocumentLanguage Code="en"/><DocumentLanguage Code="de"/><Forms/><Forms/><Commands><OnExit/><OnExit/></Commands><Commands/>',
    );
    expect(codesAndPaths(issues)).toEqual([
      { code: "duplicate-element", path: "/primedocsConnect/Template[2]" },
      { code: "invalid-guid", path: "/primedocsConnect/Template[2]" },
      { code: "duplicate-element", path: "/primedocsConnect/DocumentLanguage[2]" },
      { code: "duplicate-element", path: "/primedocsConnect/Forms[2]" },
      { code: "duplicate-element", path: "/primedocsConnect/Commands/OnExit[2]" },
      { code: "duplicate-element", path: "/primedocsConnect/Commands[2]" },
    ]);
  });

  it("rejects text where only elements belong, pointing at the text", () => {
    const issues = invalid("<Forms>\n  stray text\n</Forms>");
    expect(issues).toEqual([
      expect.objectContaining({
        code: "unexpected-text",
        path: "/primedocsConnect/Forms",
        line: 2,
        column: 3,
      }),
    ]);
  });

  it("rejects child elements inside a Value, Tag, Header or target", () => {
    const issues = invalid(`
      <Template><TagFilter><Tag>A<b/></Tag></TagFilter></Template>
      <Forms><Value Key="A">x<b>y</b></Value></Forms>
      <Commands><OnSuccess><InvokeUrl Url="https://x"><Header Name="A" Value="b"><x/></Header><Document><x/></Document></InvokeUrl></OnSuccess></Commands>`);
    expect(codesAndPaths(issues)).toEqual([
      { code: "unknown-element", path: "/primedocsConnect/Template/TagFilter/Tag[1]/b[1]" },
      { code: "unknown-element", path: "/primedocsConnect/Forms/Value[1]/b[1]" },
      {
        code: "unknown-element",
        path: "/primedocsConnect/Commands/OnSuccess/InvokeUrl[1]/Header[1]/x[1]",
      },
      {
        code: "unknown-element",
        path: "/primedocsConnect/Commands/OnSuccess/InvokeUrl[1]/Document/x[1]",
      },
    ]);
  });

  it("rejects bad command attributes, bindings, headers, methods, URLs and conversions", () => {
    const issues = issuesOf(
      parseConnectXml(
        commandsXml(`<OnSuccess>
          <DownloadFile Path="x" field-Url="Forms.A" field-FileName="Subject"><Document Conversion="Docx"/></DownloadFile>
          <InvokeUrl Method="GET"><Header Name="Bad Name" Value="x"/><Header Name="X-A" Value="a&#10;b"/><Header Name="X-B"/><Report/></InvokeUrl>
          <InvokeUrl Url="ftp://x/y"><Report/></InvokeUrl>
          <InvokeUrl Url="https://x/a b"><Report/></InvokeUrl>
          <ShowDialog Title="t"><Report Conversion="Pdf"/></ShowDialog>
        </OnSuccess>`),
      ),
      "invalid",
    );
    const on = "/primedocsConnect/Commands/OnSuccess";
    expect(codesAndPaths(issues)).toEqual([
      { code: "unknown-attribute", path: `${on}/DownloadFile[1]` },
      { code: "unknown-attribute", path: `${on}/DownloadFile[1]` },
      { code: "invalid-field-binding", path: `${on}/DownloadFile[1]` },
      { code: "invalid-conversion", path: `${on}/DownloadFile[1]/Document` },
      { code: "missing-attribute", path: `${on}/InvokeUrl[1]` },
      { code: "invalid-method", path: `${on}/InvokeUrl[1]` },
      { code: "invalid-header-name", path: `${on}/InvokeUrl[1]/Header[1]` },
      { code: "invalid-header-value", path: `${on}/InvokeUrl[1]/Header[2]` },
      { code: "missing-attribute", path: `${on}/InvokeUrl[1]/Header[3]` },
      { code: "invalid-url", path: `${on}/InvokeUrl[2]` },
      { code: "invalid-url", path: `${on}/InvokeUrl[3]` },
      { code: "missing-attribute", path: `${on}/ShowDialog[1]` },
      { code: "unknown-attribute", path: `${on}/ShowDialog[1]/Report` },
    ]);
  });

  it("rejects at creation the headers an InvokeUrl could never send", () => {
    const issues = issuesOf(
      parseConnectXml(
        commandsXml(`<OnSuccess><InvokeUrl Url="https://x/">
          <Header Name="Host" Value="x"/><Header Name="X-Connect-Signature" Value="v1=0"/>
          <Header Name="X-City" Value="Zürich"/><Header Name="X-Case" Value="{Data.Case}"/>
          <Report/></InvokeUrl></OnSuccess>`),
      ),
      "invalid",
    );
    const on = "/primedocsConnect/Commands/OnSuccess/InvokeUrl[1]";
    expect(codesAndPaths(issues)).toEqual([
      { code: "invalid-header-name", path: `${on}/Header[1]` },
      { code: "invalid-header-name", path: `${on}/Header[2]` },
      { code: "invalid-header-value", path: `${on}/Header[3]` },
    ]);
    expect(issues[0]?.message).toBe("The header Host cannot be set by a command.");
  });

  it("accepts the same header in a JSON payload only if it could be sent", () => {
    const json = (name: string, value: string) =>
      parseConnectJson({
        commands: {
          onSuccess: [
            { type: "InvokeUrl", url: "https://x/", target: "report", headers: [{ name, value }] },
          ],
        },
      });
    expect(json("X-Source", "crm").ok).toBe(true);
    expect(codesAndPaths(issuesOf(json("Content-Length", "1"), "invalid"))).toEqual([
      { code: "invalid-header-name", path: "/commands/onSuccess/0/headers/0/name" },
    ]);
    expect(codesAndPaths(issuesOf(json("X-City", "Zürich"), "invalid"))).toEqual([
      { code: "invalid-header-value", path: "/commands/onSuccess/0/headers/0/value" },
    ]);
  });

  it("rejects more than MAX_COMMANDS commands over all handler groups, in XML and JSON", () => {
    const dialog = '<ShowDialog Title="t" Message="m"><Report/></ShowDialog>';
    const half = dialog.repeat(MAX_COMMANDS / 2);
    expect(
      parseConnectXml(commandsXml(`<OnSuccess>${half}</OnSuccess><OnExit>${half}</OnExit>`)).ok,
    ).toBe(true);
    const over = invalid(
      `<Commands><OnSuccess>${half}</OnSuccess><OnExit>${half}${dialog}</OnExit></Commands>`,
    );
    expect(codesAndPaths(over)).toEqual([
      { code: "too-many-commands", path: "/primedocsConnect/Commands" },
    ]);
    expect(over[0]?.message).toContain(`${MAX_COMMANDS + 1} commands`);

    const jsonDialog = { type: "ShowDialog", title: "t", message: "m", target: "report" };
    const json = parseConnectJson({
      commands: {
        onError: Array.from({ length: MAX_COMMANDS }, () => jsonDialog),
        onExit: [jsonDialog],
      },
    });
    expect(codesAndPaths(issuesOf(json, "invalid"))).toEqual([
      { code: "too-many-commands", path: "/commands" },
    ]);
  });

  it("lists every problem of one payload with its line and column", () => {
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      "<primedocsConnect>",
      '  <Template Id="not-a-guid" Version="Draft"/>',
      "  <Author/>",
      "  <Forms>",
      '    <Value Key="Subject">A</Value>',
      '    <Value Key="Subject">B</Value>',
      "  </Forms>",
      "  <Commands>",
      "    <OnSuccess><SaveFile/><DownloadFile><Document/></DownloadFile></OnSuccess>",
      "    <OnError><DownloadFile><Document/></DownloadFile></OnError>",
      "  </Commands>",
      "</primedocsConnect>",
    ].join("\n");
    const issues = issuesOf(parseConnectXml(xml), "invalid");
    expect(issues.map(({ code, path, line, column }) => ({ code, path, line, column }))).toEqual([
      { code: "unsupported-attribute", path: "/primedocsConnect/Template", line: 3, column: 3 },
      { code: "invalid-guid", path: "/primedocsConnect/Template", line: 3, column: 3 },
      { code: "unsupported-element", path: "/primedocsConnect/Author[1]", line: 4, column: 3 },
      { code: "duplicate-key", path: "/primedocsConnect/Forms/Value[2]", line: 7, column: 5 },
      {
        code: "unsupported-command",
        path: "/primedocsConnect/Commands/OnSuccess/SaveFile[1]",
        line: 10,
        column: 16,
      },
      {
        code: "document-target-not-allowed",
        path: "/primedocsConnect/Commands/OnError/DownloadFile[1]/Document",
        line: 11,
        column: 28,
      },
    ]);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(20);
  });

  it("lists at most the issue limit and says that more were found", () => {
    const issues = issuesOf(
      parseConnectXml(commandsXml(`<OnSuccess>${"<SaveFile/>".repeat(150)}</OnSuccess>`)),
      "invalid",
    );
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues.at(-1)).toMatchObject({
      code: "too-many-issues",
      message: expect.stringContaining("50 more") as unknown,
    });
  });
});
