import { editableFields, partialUpdate, recordLabel, typedInput } from "../../src/workbook-host/crm-record-fields";
import { demoConnectionFromQuery, hostPageQuery } from "../../src/workbook-host/demo-connection";

const person = {
  id: "5b8f6c2e-1f43-4c4e-9d1a-0f6f7c1a2b3c",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-02T00:00:00.000Z",
  deletedAt: null,
  name: { firstName: "Ada", lastName: "Lovelace" },
  emails: { primaryEmail: "ada@example.com", additionalEmails: ["a@b.c"] },
  jobTitle: "Engineer",
  companyId: "c1",
  createdBy: { source: "API", name: "key" },
};

describe("editing a record on the CRM side", () => {
  it("offers the record's own scalar fields and composite sub-fields, not Twenty's system fields", () => {
    expect(editableFields(person).map((field) => field.path)).toEqual([
      "name.firstName",
      "name.lastName",
      "emails.primaryEmail",
      "jobTitle",
    ]);
    expect(recordLabel(person)).toBe("Ada Lovelace");
    expect(recordLabel({ id: "x", name: "Acme" })).toBe("Acme");
  });

  it("sends only the edited sub-key and keeps the field's type", () => {
    expect(partialUpdate("emails.primaryEmail", "ada@lovelace.dev")).toEqual({
      emails: { primaryEmail: "ada@lovelace.dev" },
    });
    expect(partialUpdate("employees", 12)).toEqual({ employees: 12 });
    expect(typedInput("12", 3)).toBe(12);
    expect(typedInput("twelve", 3)).toEqual({ error: '"twelve" is not a number' });
    expect(typedInput("yes", false)).toBe(true);
    expect(typedInput("New title", "Engineer")).toBe("New title");
  });
});

describe("the demo connection in the host page's query string", () => {
  it("round-trips and rejects anything that is not an http(s) URL", () => {
    const query = hostPageQuery({ crmUrl: "http://127.0.0.1:3001", apiKey: "demo-key" });
    expect(demoConnectionFromQuery(`?${query}`)).toEqual({ crmUrl: "http://127.0.0.1:3001", apiKey: "demo-key" });
    expect(demoConnectionFromQuery("?crmUrl=javascript:alert(1)&demoKey=k")).toBeNull();
    expect(demoConnectionFromQuery("")).toBeNull();
  });
});
