/**
 * Demo content for session templates (local development only): customers as a CSV (in
 * Windows-1252, `;`-separated, as Swiss Excel exports it) and as an .xlsx, an offers
 * database for D1, the JSON the Worker's demo endpoint serves, and two definitions that
 * use every initializer kind. Pure; demo-seed puts it in place.
 */
import { buildXlsx } from "./xlsx.ts";

export const DEMO_CUSTOMERS = [
  {
    id: "1001",
    name: "Muster AG",
    address: "Bahnhofstrasse 1, 8001 Zürich",
    since: "2019-04-01",
    vip: true,
  },
  {
    id: "1002",
    name: "Café Bühler GmbH",
    address: "Marktgasse 12, 3011 Bern",
    since: "2021-11-15",
    vip: false,
  },
  {
    id: "1003",
    name: "Société Léman SA",
    address: "Rue du Rhône 8, 1204 Genève",
    since: "2016-02-29",
    vip: false,
  },
] as const;

/** The demo endpoint's answers (`GET /demo/customers/{id}` in development). */
export function demoCustomerJson(id: string): object | null {
  const customer = DEMO_CUSTOMERS.find((c) => c.id === id);
  if (customer === undefined) return null;
  return {
    id: customer.id,
    contact: { name: `Kontakt ${customer.name}`, salutation: "Guten Tag" },
    tags: customer.vip ? ["vip"] : [],
  };
}

/** File names under the data source's `initializer-files/` prefix in R2. */
export const CUSTOMERS_CSV = "customers.csv";
export const CUSTOMERS_XLSX = "customers.xlsx";

export function customersCsvText(): string {
  const lines = ["CustomerId;Name;Address;CustomerSince"];
  for (const c of DEMO_CUSTOMERS) lines.push(`${c.id};${c.name};"${c.address}";${c.since}`);
  return `${lines.join("\r\n")}\r\n`;
}

/** Windows-1252 bytes of the CSV: every demo character is in Latin-1. */
export function customersCsvBytes(): Uint8Array {
  const text = customersCsvText();
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

export function customersXlsx(): Uint8Array {
  return buildXlsx([
    {
      name: "Customers",
      rows: [
        ["CustomerId", "Name", "CustomerSince", "Vip", "Discount"],
        ...DEMO_CUSTOMERS.map((c) => [
          c.id,
          { inline: c.name },
          new Date(`${c.since}T00:00:00Z`),
          c.vip,
          c.vip ? 0.1 : 0,
        ]),
      ],
    },
  ]);
}

/** Idempotent D1 schema and rows for the offers database (`SQL_DEMO`). */
export const DEMO_SQL = [
  `CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, name TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS offers (number TEXT PRIMARY KEY, customer_id TEXT NOT NULL,
     total TEXT NOT NULL, valid_until TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS offer_positions (offer_number TEXT NOT NULL, line INTEGER NOT NULL,
     description TEXT NOT NULL, quantity INTEGER NOT NULL, price TEXT NOT NULL,
     PRIMARY KEY (offer_number, line))`,
  ...DEMO_CUSTOMERS.map(
    (c) =>
      `INSERT OR IGNORE INTO customers (id, name) VALUES ('${c.id}', '${c.name.replaceAll("'", "''")}')`,
  ),
  `INSERT OR IGNORE INTO offers VALUES ('A-100', '1001', 'CHF 1''450.00', '2026-12-31')`,
  `INSERT OR IGNORE INTO offers VALUES ('A-101', '1002', 'CHF 320.00', '2026-09-30')`,
  `INSERT OR IGNORE INTO offer_positions VALUES ('A-100', 1, 'Beratung / Consulting', 8, 'CHF 150.00')`,
  `INSERT OR IGNORE INTO offer_positions VALUES ('A-100', 2, 'Lizenz / Licence', 1, 'CHF 250.00')`,
  `INSERT OR IGNORE INTO offer_positions VALUES ('A-101', 1, 'Wartung / Maintenance', 2, 'CHF 160.00')`,
];

/** CSV + HTTP: a customer letter pre-filled from the CRM export and the CRM's API. */
export function customerLetterDefinition(origin: string): string {
  return `<primedocsConnectSessionTemplate Name="CustomerLetter">
  <primedocsConnect>
    <Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/>
    <DocumentLanguage Code="de-CH"/>
    <Forms><Value Key="Subject">Ihr Kundenkonto</Value></Forms>
  </primedocsConnect>
  <Initializers>
    <CsvInitializer File="${CUSTOMERS_CSV}" Delimiter=";" Encoding="windows-1252"
                    KeyColumn="CustomerId" KeyValue="{Data.CustomerId}" Required="true">
      <Map From="Name" To="Data.CustomerName"/>
      <Map From="Address" To="Data.CustomerAddress"/>
    </CsvInitializer>
    <HttpInitializer Url="${origin}/demo/customers/{Data.CustomerId}" Format="json">
      <Map From="contact.salutation" To="Forms.Body"/>
      <Map From="tags[0]" To="Data.Segment"/>
    </HttpInitializer>
  </Initializers>
  <Initialization>
    <OnError><ShowDialog Title="Not found" Message="No customer {Data.CustomerId}."/></OnError>
  </Initialization>
</primedocsConnectSessionTemplate>
`;
}

/** SQL (D1) + Excel: an offer with its positions from the database, the customer from Excel. */
export const OFFER_DEFINITION = `<primedocsConnectSessionTemplate Name="Offer">
  <primedocsConnect>
    <Template Id="c3d9a1f0-7b2e-4e8a-a5c6-1d4f9b0e2a63"/>
    <DocumentLanguage Code="de-CH"/>
    <Forms><Value Key="Delivery">Post</Value></Forms>
  </primedocsConnect>
  <Initializers>
    <SqlInitializer Database="default" Required="true">
      <Query>
        SELECT customer_id AS "Data.CustomerId", total AS "Data.Total",
               valid_until AS "Forms.ValidUntil"
        FROM offers WHERE number = ?1
      </Query>
      <Parameter>{Data.OfferNumber}</Parameter>
    </SqlInitializer>
    <SqlInitializer Database="default">
      <Query>
        SELECT description AS "Data.Positions[].Description", quantity AS "Data.Positions[].Quantity",
               price AS "Data.Positions[].Price"
        FROM offer_positions WHERE offer_number = ?1 ORDER BY line
      </Query>
      <Parameter>{Data.OfferNumber}</Parameter>
    </SqlInitializer>
    <ExcelInitializer File="${CUSTOMERS_XLSX}" Sheet="Customers"
                      KeyColumn="CustomerId" KeyValue="{Data.CustomerId}">
      <Map From="Name" To="Data.CustomerName"/>
      <Map From="CustomerSince" To="Data.CustomerSince"/>
      <Map From="Vip" To="Forms.IncludeTerms"/>
    </ExcelInitializer>
  </Initializers>
</primedocsConnectSessionTemplate>
`;
