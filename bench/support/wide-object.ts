import type { CrmRecord, ObjectMetadata } from "../../src/sync/metadata";
import { workbookSettingsSchema, type WorkbookSettings } from "../../src/sync/settings";

/** A custom object whose default sheet has exactly 20 data columns (composites count one column per sub-field). */
export const WIDE_OBJECT: ObjectMetadata = {
  nameSingular: "widget",
  namePlural: "widgets",
  labelSingular: "Widget",
  labelPlural: "Widgets",
  isCustom: true,
  isActive: true,
  fields: [
    { name: "id", label: "Id", type: "UUID", isSystem: true, isActive: true },
    { name: "createdAt", label: "Created", type: "DATE_TIME", isSystem: true, isActive: true },
    { name: "updatedAt", label: "Updated", type: "DATE_TIME", isSystem: true, isActive: true },
    { name: "deletedAt", label: "Deleted", type: "DATE_TIME", isSystem: true, isActive: true, isNullable: true },
    { name: "name", label: "Name", type: "TEXT", isActive: true },
    { name: "city", label: "City", type: "TEXT", isActive: true },
    { name: "code", label: "Code", type: "TEXT", isActive: true },
    { name: "tagA", label: "Tag A", type: "TEXT", isActive: true },
    { name: "tagB", label: "Tag B", type: "TEXT", isActive: true },
    { name: "comment", label: "Comment", type: "TEXT", isActive: true },
    { name: "region", label: "Region", type: "TEXT", isActive: true },
    { name: "employees", label: "Employees", type: "NUMBER", isActive: true },
    { name: "score", label: "Score", type: "NUMBER", isActive: true },
    { name: "rating", label: "Rating", type: "NUMBER", isActive: true },
    { name: "active", label: "Active", type: "BOOLEAN", isActive: true },
    {
      name: "stage",
      label: "Stage",
      type: "SELECT",
      isActive: true,
      options: ["NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"].map((value, position) => ({ value, label: value, position })),
    },
    { name: "signedAt", label: "Signed", type: "DATE_TIME", isActive: true },
    { name: "founded", label: "Founded", type: "DATE", isActive: true },
    { name: "emails", label: "Emails", type: "EMAILS", isActive: true },
    { name: "contact", label: "Contact", type: "FULL_NAME", isActive: true },
    { name: "revenue", label: "Revenue", type: "CURRENCY", isActive: true },
    { name: "domain", label: "Domain", type: "LINKS", isActive: true },
  ],
};

/** The 20 columns synced, named as the settings name them (dot paths for composite sub-fields). */
export const WIDE_COLUMNS = [
  "name", "city", "code", "tagA", "tagB", "comment", "employees", "score", "rating", "active",
  "stage", "signedAt", "founded", "emails.primaryEmail", "contact.firstName", "contact.lastName",
  "revenue.amountMicros", "revenue.currencyCode", "domain.primaryLinkUrl", "region",
];

const STAGES = ["NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"];

/** Deterministic UUID-shaped id for record i, so runs are repeatable. */
export function recordId(i: number): string {
  const hex = i.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

export function wideRecord(i: number, updatedAt: string): CrmRecord {
  return {
    id: recordId(i),
    createdAt: updatedAt,
    updatedAt,
    deletedAt: null,
    name: `Widget ${i}`,
    city: ["Paris", "Berlin", "Lisbon", "Austin", "Osaka"][i % 5],
    code: `W-${(i * 7919) % 100000}`,
    tagA: `alpha-${i % 97}`,
    tagB: i % 3 === 0 ? null : `beta-${i % 89}`,
    comment: `Row ${i} comment with some ordinary text`,
    region: ["EMEA", "AMER", "APAC"][i % 3],
    employees: (i * 37) % 5000,
    score: ((i * 13) % 1000) / 10,
    rating: i % 5,
    active: i % 2 === 0,
    stage: STAGES[i % STAGES.length],
    signedAt: new Date(Date.UTC(2024, i % 12, (i % 28) + 1, 9, 30)).toISOString(),
    founded: `${1950 + (i % 70)}-0${(i % 9) + 1}-1${i % 9}`,
    emails: { primaryEmail: `w${i}@example.com`, additionalEmails: null },
    contact: { firstName: `First${i % 400}`, lastName: `Last${i % 700}` },
    revenue: { amountMicros: ((i * 991) % 1_000_000) * 1_000_000, currencyCode: "USD" },
    domain: { primaryLinkUrl: `https://w${i}.example.com`, primaryLinkLabel: "", secondaryLinks: null },
  };
}

/** Records last changed a minute apart, the newest before 2026-01-01 (as a workspace built up over time). */
export function wideRecords(count: number): CrmRecord[] {
  const newest = Date.parse("2026-01-01T00:00:00.000Z");
  return Array.from({ length: count }, (_, i) => wideRecord(i, new Date(newest - (count - i) * 60_000).toISOString()));
}

export function wideSettings(sheetName = "Widgets", applyDeletes = { inCrm: false, inSheet: false }): WorkbookSettings {
  return workbookSettingsSchema.parse({
    version: 1,
    objects: [{ object: WIDE_OBJECT.namePlural, sheetName, columns: WIDE_COLUMNS.map((column) => ({ column })), applyDeletes }],
  });
}
