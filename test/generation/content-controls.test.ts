import { describe, expect, it } from "vitest";

import { bindContentControls } from "../../src/generation/content-controls.ts";

function control(properties: string, content: string): string {
  return `<w:sdt><w:sdtPr>${properties}</w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
}

const RUN = "<w:r><w:rPr><w:i/></w:rPr><w:t>Placeholder</w:t></w:r>";

describe("bindContentControls", () => {
  it("replaces an inline control's content by its field tag in the first run's format", () => {
    const xml = `<w:p>${control('<w:tag w:val="Forms.Subject"/>', `${RUN}<w:r><w:t>more</w:t></w:r>`)}</w:p>`;

    const bound = bindContentControls(xml);

    expect(bound.fields).toEqual(["Forms.Subject"]);
    expect(bound.xml).toBe(
      `<w:p>${control(
        '<w:tag w:val="Forms.Subject"/>',
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{Forms.Subject}</w:t></w:r>',
      )}</w:p>`,
    );
  });

  it("keeps the first paragraph's properties for a block-level control", () => {
    const paragraph = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${RUN}</w:p><w:p/>`;

    const bound = bindContentControls(control('<w:tag w:val="Data.Customer.Name"/>', paragraph));

    expect(bound.xml).toContain(
      '<w:sdtContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:i/></w:rPr>' +
        '<w:t xml:space="preserve">{Data.Customer.Name}</w:t></w:r></w:p></w:sdtContent>',
    );
  });

  it("drops the placeholder state, its grey style and any data binding", () => {
    const properties =
      '<w:tag w:val="Forms.Subject"/><w:showingPlcHdr/>' +
      '<w:dataBinding w:xpath="/root/subject" w:storeItemID="{1}"/>';
    const run =
      '<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:b/></w:rPr><w:t>Type</w:t></w:r>';

    const bound = bindContentControls(control(properties, run));

    expect(bound.xml).toBe(
      control(
        '<w:tag w:val="Forms.Subject"/>',
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{Forms.Subject}</w:t></w:r>',
      ),
    );
  });

  it("leaves controls alone whose tag is not a field path", () => {
    const xml =
      control('<w:tag w:val="Signature block"/>', RUN) + control('<w:alias w:val="x"/>', RUN);

    expect(bindContentControls(xml)).toEqual({ xml, fields: [] });
  });

  it("leaves check boxes and table-row controls alone", () => {
    const checkbox = control('<w:tag w:val="Forms.Flag"/><w14:checkbox/>', RUN);
    const row = control('<w:tag w:val="Data.Rows"/>', "<w:tr><w:tc><w:p/></w:tc></w:tr>");

    expect(bindContentControls(checkbox + row).fields).toEqual([]);
  });

  it("binds controls nested inside an unbound control", () => {
    const inner = control('<w:tag w:val="Forms.Name"/>', RUN);
    const outer = control('<w:tag w:val="Group"/>', `<w:p>${inner}</w:p>`);

    const bound = bindContentControls(outer);

    expect(bound.fields).toEqual(["Forms.Name"]);
    expect(bound.xml).toContain('<w:t xml:space="preserve">{Forms.Name}</w:t>');
    expect(bound.xml).toContain('<w:tag w:val="Group"/>');
  });

  it("fills an empty control with an unformatted run", () => {
    const bound = bindContentControls(control('<w:tag w:val="Forms.Subject"/>', ""));

    expect(bound.xml).toContain(
      '<w:sdtContent><w:r><w:t xml:space="preserve">{Forms.Subject}</w:t></w:r></w:sdtContent>',
    );
  });

  it("returns parts without controls as they are", () => {
    const xml =
      "<w:document><w:body><w:p><w:r><w:t>{Forms.X}</w:t></w:r></w:p></w:body></w:document>";

    expect(bindContentControls(xml)).toEqual({ xml, fields: [] });
  });
});
