import { columnCatalog } from "../../src/sync/fields/catalog";
import { gadgets } from "./support/fixtures";
import { harness } from "./support/harness";

const ALL_COLUMNS = [...columnCatalog(gadgets).keys()].map((column) => ({ column }));

function gadgetHarness() {
  const h = harness({ object: "gadgets", sheetName: "Gadgets", columns: ALL_COLUMNS });
  const record = h.crm.seed("gadgets", {
    name: "Widget",
    serial: "0f8fad5b-d9cb-469f-a165-70867728950e",
    launchedAt: "2024-03-05T14:30:00.000Z",
    releaseDate: "2024-03-05",
    active: true,
    weight: 12.5,
    ratio: 0.25,
    price: { amountMicros: 49990000, currencyCode: "EUR" },
    owner: { firstName: "Ada", lastName: "Lovelace" },
    emails: { primaryEmail: "ada@example.com", additionalEmails: ["a@b.io"] },
    phones: { primaryPhoneNumber: "612345678", primaryPhoneCountryCode: "FR", primaryPhoneCallingCode: "+33", additionalPhones: null },
    site: { primaryLinkUrl: "https://example.com", primaryLinkLabel: "", secondaryLinks: [] },
    address: { addressStreet1: "1 Rue", addressStreet2: null, addressCity: "Paris", addressPostcode: "75001", addressState: null, addressCountry: "France", addressLat: 48.85, addressLng: 2.35 },
    score: "RATING_4",
    stage: "SCREENING",
    tags: ["RED"],
    aliases: ["w1", "w2"],
    specs: { size: [1, 2] },
    bodyV2: { markdown: "# Hi", blocknote: "[]" },
    makerId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  });
  return { h, id: record.id };
}

describe("every field type through a full sync", () => {
  it("pulls a record of every type and then has nothing to do", async () => {
    const { h, id } = gadgetHarness();
    await h.run("pull");
    const row = h.sheet.rowById("Gadgets", id)!;
    expect(row).toMatchObject({
      "price.amountMicros": 49.99,
      launchedAt: 45356.60416666667,
      releaseDate: 45356,
      stage: "Screening",
      score: "4",
      tags: "Red",
      aliases: "w1; w2",
      "createdBy.source": "MANUAL",
      "bodyV2.markdown": "# Hi",
    });
    await h.expectSettled();
  });

  it("pushes edits typed the way people type them, exactly, and settles", async () => {
    const { h, id } = gadgetHarness();
    await h.run("pull");
    const row = h.sheet.rowNumberOf("Gadgets", id);
    const edits: Record<string, string | number | boolean> = {
      "price.amountMicros": 0.1 + 0.2,
      launchedAt: "2024-12-24 18:00",
      releaseDate: "2025-01-31",
      active: "no",
      weight: "7",
      stage: "meeting",
      score: "5",
      tags: "green; Red",
      aliases: '["x;y"]',
      "emails.additionalEmails": "B@C.io; d@e.io",
      "owner.lastName": "Byron",
      "address.addressLat": -33.9,
      specs: '{"size":[3]}',
      "bodyV2.markdown": "**bold**",
    };
    for (const [header, value] of Object.entries(edits)) h.sheet.edit("Gadgets", row, header, value);
    const report = await h.object("sync");
    expect(report.rowErrors).toEqual([]);
    const stored = h.crm.get("gadgets", id)!;
    expect(stored).toMatchObject({
      price: { amountMicros: 300000, currencyCode: "EUR" },
      launchedAt: "2024-12-24T18:00:00.000Z",
      releaseDate: "2025-01-31",
      active: false,
      weight: 7,
      stage: "MEETING",
      score: "RATING_5",
      tags: ["GREEN", "RED"],
      aliases: ["x;y"],
      emails: { primaryEmail: "ada@example.com", additionalEmails: ["b@c.io", "d@e.io"] },
      owner: { firstName: "Ada", lastName: "Byron" },
      specs: { size: [3] },
      bodyV2: { markdown: "**bold**", blocknote: "[]" },
    });
    expect((stored.address as Record<string, unknown>).addressLat).toBe(-33.9);
    expect(report.plan.toCrm.updates[0]!.data).not.toHaveProperty("createdBy");
    await h.expectSettled();
  });

  it("rejects an unknown select option naming the allowed values, and leaves the record alone", async () => {
    const { h, id } = gadgetHarness();
    await h.run("pull");
    h.sheet.edit("Gadgets", 2, "stage", "Won");
    h.sheet.edit("Gadgets", 2, "weight", 99);
    const report = await h.object("sync");
    expect(report.rowErrors).toEqual([expect.objectContaining({ row: 2, column: "stage", reason: '"Won" is not an allowed value (allowed: New, Screening, Meeting)' })]);
    expect(h.crm.get("gadgets", id)!.weight).toBe(12.5);
  });
});
