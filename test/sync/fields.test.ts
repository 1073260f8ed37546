import { columnCatalog } from "../../src/sync/fields/catalog";
import { columnSpecs, defaultColumns } from "../../src/sync/fields/columns";
import { decimalToMicros, microsToSheetAmount, numberToMicros } from "../../src/sync/fields/money";
import { epochMsToSerial, parseDateText, serialToEpochMs } from "../../src/sync/fields/dates";
import { buildPayload } from "../../src/sync/fields/payload";
import { parseCell, readCrmValue, toCell, sameValue } from "../../src/sync/fields/values";
import { companies, gadgets, people } from "./support/fixtures";

const col = (header: string) => {
  const c = columnCatalog(gadgets).get(header);
  if (!c) throw new Error(`no column ${header}`);
  return c;
};
const parsed = (header: string, cell: string | number | boolean | null) => {
  const r = parseCell(col(header), cell);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (header: string, cell: string | number | boolean) => {
  const r = parseCell(col(header), cell);
  if (r.ok) throw new Error(`expected ${JSON.stringify(cell)} to be rejected in ${header}`);
  return r.reason;
};

describe("money", () => {
  it("turns 49.99 into exactly 49990000 micros and back", () => {
    expect(parsed("price.amountMicros", 49.99)).toBe("49990000");
    expect(toCell(col("price.amountMicros"), "49990000")).toBe(49.99);
    expect(readCrmValue(col("price.amountMicros"), { price: { amountMicros: 49990000 } })).toBe("49990000");
  });

  it("does not carry float drift such as 0.1 + 0.2 into the CRM", () => {
    expect(parsed("price.amountMicros", 0.1 + 0.2)).toBe("300000");
    expect(numberToMicros(1.005)).toBe(1005000n);
    expect(decimalToMicros("19.9999995")).toBe(20000000n);
    expect(decimalToMicros("-0.0000005")).toBe(-1n);
  });

  it("keeps big amounts exact, as text once a number could not hold them", () => {
    expect(parsed("price.amountMicros", "123456789012345.678901")).toBe("123456789012345678901");
    expect(microsToSheetAmount(123456789012345678901n)).toBe("123456789012345.678901");
    expect(toCell(col("price.amountMicros"), "999999999999990000")).toBe(999999999999.99);
    expect(buildPayload([{ column: col("price.amountMicros"), value: "123456789012345678901" }])).toEqual({ price: { amountMicros: "123456789012345678901" } });
    expect(buildPayload([{ column: col("price.amountMicros"), value: "49990000" }])).toEqual({ price: { amountMicros: 49990000 } });
  });

  it("accepts money typed as text, including exponents, and rejects words", () => {
    expect(parsed("price.amountMicros", " 1e3 ")).toBe("1000000000");
    expect(parsed("price.amountMicros", "-12.5")).toBe("-12500000");
    expect(reason("price.amountMicros", "twelve")).toContain('"twelve" is not an amount');
  });
});

describe("dates", () => {
  it("maps Excel serials to ISO instants and back", () => {
    expect(serialToEpochMs(45356.6041666667)).toBe(Date.parse("2024-03-05T14:30:00.000Z"));
    expect(epochMsToSerial(Date.parse("2024-03-05T00:00:00.000Z"))).toBe(45356);
    expect(parsed("launchedAt", 45356.5)).toBe("2024-03-05T12:00:00.000Z");
    expect(toCell(col("launchedAt"), "2024-03-05T12:00:00.000Z")).toBe(45356.5);
    const ms = "2024-03-05T14:30:12.345Z";
    expect(parsed("launchedAt", toCell(col("launchedAt"), ms))).toBe(ms);
  });

  it("reads ISO and common unambiguous text forms as UTC", () => {
    expect(parsed("launchedAt", "2024-03-05")).toBe("2024-03-05T00:00:00.000Z");
    expect(parsed("launchedAt", "2024-03-05 14:30")).toBe("2024-03-05T14:30:00.000Z");
    expect(parsed("launchedAt", "2024-03-05T14:30:00+02:00")).toBe("2024-03-05T12:30:00.000Z");
    expect(parseDateText("2024-02-31")).toBeNull();
    expect(reason("launchedAt", "05/03/2024")).toContain("is not a date and time");
  });

  it("keeps DATE fields as YYYY-MM-DD, shown as a whole serial", () => {
    expect(parsed("releaseDate", 45356.75)).toBe("2024-03-05");
    expect(parsed("releaseDate", "2024-03-05")).toBe("2024-03-05");
    expect(toCell(col("releaseDate"), "2024-03-05")).toBe(45356);
    expect(reason("releaseDate", "yesterday")).toContain("is not a date");
  });
});

describe("cell values of every field type", () => {
  it("round-trips each type CRM → cell → CRM", () => {
    const record = {
      name: "Widget",
      serial: "0f8fad5b-d9cb-469f-a165-70867728950e",
      launchedAt: "2024-03-05T14:30:00.000Z",
      releaseDate: "2024-03-05",
      active: true,
      weight: 12.5,
      ratio: "0.25",
      price: { amountMicros: 49990000, currencyCode: "EUR" },
      owner: { firstName: "Ada", lastName: "Lovelace" },
      emails: { primaryEmail: "ada@example.com", additionalEmails: ["a@b.io", "c@d.io"] },
      phones: { primaryPhoneNumber: "612345678", primaryPhoneCountryCode: "FR", primaryPhoneCallingCode: "+33", additionalPhones: [{ number: "1", countryCode: "US", callingCode: "+1" }] },
      site: { primaryLinkUrl: "https://example.com", primaryLinkLabel: "Home", secondaryLinks: [{ url: "https://x.io", label: "x" }] },
      address: { addressStreet1: "1 Rue", addressCity: "Paris", addressCountry: "France", addressLat: 48.85, addressLng: 2.35 },
      score: "RATING_4",
      stage: "SCREENING",
      tags: ["RED", "BLUE"],
      aliases: ["w1", "w2"],
      specs: { size: [1, 2], ok: true },
      bodyV2: { markdown: "# Hi", blocknote: "[]" },
      makerId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      createdBy: { source: "API", name: "Key" },
    };
    for (const column of columnCatalog(gadgets).values()) {
      if (column.header === "id" || column.header.startsWith("createdAt") || column.header.startsWith("updatedAt") || column.header.startsWith("deletedAt")) continue;
      const canonical = readCrmValue(column, record);
      const cell = toCell(column, canonical);
      const back = parseCell(column, cell);
      expect({ header: column.header, back }).toEqual({ header: column.header, back: { ok: true, value: canonical } });
    }
  });

  it("shows selects by label and reads labels or values case-insensitively", () => {
    expect(toCell(col("stage"), "SCREENING")).toBe("Screening");
    expect(parsed("stage", "screening")).toBe("SCREENING");
    expect(parsed("stage", "MEETING")).toBe("MEETING");
    expect(reason("stage", "Won")).toBe('"Won" is not an allowed value (allowed: New, Screening, Meeting)');
    expect(parsed("score", "3")).toBe("RATING_3");
  });

  it("reads multi-selects as a ;-list or JSON, item by item", () => {
    expect(toCell(col("tags"), ["BLUE", "RED"])).toBe("Blue; Red");
    expect(parsed("tags", "red; Blue")).toEqual(["BLUE", "RED"]);
    expect(parsed("tags", '["GREEN"]')).toEqual(["GREEN"]);
    expect(reason("tags", "Red; Pink")).toContain('"Pink" is not an allowed value');
  });

  it("writes a list as JSON when an item holds a semicolon, and reads it back", () => {
    const cell = toCell(col("aliases"), ["a;b", "c"]);
    expect(cell).toBe('["a;b","c"]');
    expect(parsed("aliases", cell)).toEqual(["a;b", "c"]);
  });

  it("accepts the usual spellings of true and false", () => {
    for (const t of [true, "TRUE", "yes", "Y", "1", 1]) expect(parsed("active", t)).toBe(true);
    for (const f of [false, "FALSE", "no", "n", "0", 0]) expect(parsed("active", f)).toBe(false);
    expect(reason("active", "maybe")).toContain('"maybe" is not true/false');
  });

  it("rejects text in a number column, bad emails, bad UUIDs, bad JSON and over-long text", () => {
    expect(reason("weight", "heavy")).toBe('"heavy" is not a number');
    expect(reason("emails.primaryEmail", "ada@")).toContain("not a valid email");
    expect(reason("emails.additionalEmails", "ok@x.io; nope")).toContain('"nope" is not a valid email');
    expect(reason("makerId", "123")).toContain("not a valid UUID");
    expect(reason("specs", "{oops")).toContain("not valid JSON");
    expect(reason("name", "x".repeat(10_001))).toContain("longer than 10000");
  });

  it("lower-cases emails and treats number cells in text columns as text", () => {
    expect(parsed("emails.primaryEmail", " Ada@Example.COM ")).toBe("ada@example.com");
    expect(parsed("phones.primaryPhoneNumber", 612345678)).toBe("612345678");
    expect(sameValue(readCrmValue(col("name"), { name: "" }), null)).toBe(true);
  });

  it("builds partial composite payloads from only the sub-fields given", () => {
    const payload = buildPayload([
      { column: col("emails.primaryEmail"), value: "x@y.io" },
      { column: col("owner.lastName"), value: "Byron" },
      { column: col("tags"), value: null },
      { column: col("createdBy.name"), value: "ignored" },
    ]);
    expect(payload).toEqual({ emails: { primaryEmail: "x@y.io" }, owner: { lastName: "Byron" }, tags: [] });
  });
});

describe("default columns and column specs", () => {
  it("lists people with id first, the name, user-facing fields, and updatedAt last", () => {
    const headers = defaultColumns(people).map((c) => c.column);
    expect(headers).toEqual(["id", "name.firstName", "name.lastName", "emails.primaryEmail", "linkedinLink.primaryLinkUrl", "jobTitle", "phones.primaryPhoneNumber", "city", "companyId", "updatedAt"]);
  });

  it("lists companies with money as amount + currency and the main address parts", () => {
    const headers = defaultColumns(companies).map((c) => c.column);
    expect(headers).toEqual([
      "id",
      "name",
      "domainName.primaryLinkUrl",
      "employees",
      "annualRecurringRevenue.amountMicros",
      "annualRecurringRevenue.currencyCode",
      "address.addressCity",
      "address.addressCountry",
      "idealCustomerProfile",
      "linkedinLink.primaryLinkUrl",
      "updatedAt",
    ]);
  });

  it("finds many-to-one join columns in current and older relation metadata", () => {
    const meta = { ...people, fields: [
      { name: "company", label: "Company", type: "RELATION", settings: { relationType: "MANY_TO_ONE", joinColumnName: "companyId" } },
      { name: "owner", label: "Owner", type: "RELATION", relation: { type: "MANY_TO_ONE" } },
      { name: "account", label: "Account", type: "RELATION", relationDefinition: { direction: "MANY_TO_ONE" } },
      { name: "notes", label: "Notes", type: "RELATION", relationDefinition: { direction: "ONE_TO_MANY" } },
    ] };
    const relations = [...columnCatalog(meta).values()].filter((c) => c.fieldType === "RELATION").map((c) => [c.header, c.kind]);
    expect(relations).toEqual([["companyId", "uuid"], ["ownerId", "uuid"], ["accountId", "uuid"]]);
  });

  it("never offers system or one-to-many fields for writing", () => {
    const catalog = columnCatalog(people);
    expect(catalog.has("searchVector")).toBe(false);
    expect(catalog.has("noteTargets")).toBe(false);
    expect(catalog.get("createdBy.name")?.readOnly).toBe(true);
    expect(catalog.get("updatedAt")?.readOnly).toBe(true);
  });

  it("gives adapters formats, read-only flags and dropdown labels", () => {
    const specs = columnSpecs(gadgets, ["id", "price.amountMicros", "launchedAt", "releaseDate", "active", "stage", "updatedAt"].map((column) => ({ column, transforms: [], clearWhenEmpty: false })));
    expect(specs).toEqual([
      { header: "id", readOnly: true, format: "text" },
      { header: "price.amountMicros", readOnly: false, format: "money" },
      { header: "launchedAt", readOnly: false, format: "datetime" },
      { header: "releaseDate", readOnly: false, format: "date" },
      { header: "active", readOnly: false, format: "boolean" },
      { header: "stage", readOnly: false, format: "text", options: ["New", "Screening", "Meeting"] },
      { header: "updatedAt", readOnly: true, format: "datetime" },
    ]);
  });
});
