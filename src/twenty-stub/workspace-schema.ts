/**
 * The stand-in workspace's data model: Twenty's standard objects (twenty-api.md §10) plus one custom object,
 * `projects`, chosen so that every field type of §9 that can hold data appears somewhere.
 */
import type { FieldType } from "../sync/metadata";

export interface SelectOptionDef {
  value: string;
  label: string;
  color: string;
}

export type RelationDef =
  | { kind: "MANY_TO_ONE"; target: string; joinColumn: string; inverseField: string }
  | { kind: "ONE_TO_MANY"; target: string; inverseField: string };

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  isNullable: boolean;
  isSystem?: boolean;
  isCustom?: boolean;
  /** Unique index; for a composite, the sub-field that takes part (§4 "Match keys"). */
  unique?: { subField?: string };
  /** The server fills it; client values are ignored (updatedAt, searchVector…). */
  serverManaged?: boolean;
  defaultValue?: unknown;
  options?: SelectOptionDef[];
  relation?: RelationDef;
  /** MORPH_RELATION: one field per target object, all sharing this id (Twenty's morph relations). */
  morphId?: string;
}

export interface ObjectDef {
  nameSingular: string;
  namePlural: string;
  labelSingular: string;
  labelPlural: string;
  icon: string;
  isCustom: boolean;
  /** System objects (note and task targets) are hidden from pickers but readable through the API. */
  isSystem?: boolean;
  labelIdentifier: string;
  fields: FieldDef[];
}

const COLORS = ["red", "blue", "green", "orange", "purple", "sky", "turquoise", "yellow", "pink", "gray"];

function options(values: string[]): SelectOptionDef[] {
  return values.map((value, i) => ({
    value,
    label: value
      .split("_")
      .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
      .join(" "),
    color: COLORS[i % COLORS.length],
  }));
}

export const ACTOR_SOURCES = ["EMAIL", "CALENDAR", "WORKFLOW", "AGENT", "API", "IMPORT", "MANUAL", "SYSTEM", "WEBHOOK", "APPLICATION"];
export const RATING_VALUES = ["RATING_1", "RATING_2", "RATING_3", "RATING_4", "RATING_5"];

function baseFields(): FieldDef[] {
  return [
    { name: "id", label: "Id", type: "UUID", isNullable: false, isSystem: true },
    { name: "createdAt", label: "Creation date", type: "DATE_TIME", isNullable: false, serverManaged: true },
    { name: "updatedAt", label: "Last update", type: "DATE_TIME", isNullable: false, serverManaged: true },
    { name: "deletedAt", label: "Deleted at", type: "DATE_TIME", isNullable: true, serverManaged: true },
    { name: "position", label: "Position", type: "POSITION", isNullable: false, isSystem: true },
    { name: "createdBy", label: "Created by", type: "ACTOR", isNullable: false },
    { name: "updatedBy", label: "Updated by", type: "ACTOR", isNullable: false, serverManaged: true },
    { name: "searchVector", label: "Search vector", type: "TS_VECTOR", isNullable: true, isSystem: true, serverManaged: true },
  ];
}

function manyToOne(name: string, label: string, target: string, inverseField: string): FieldDef {
  return { name, label, type: "RELATION", isNullable: true, relation: { kind: "MANY_TO_ONE", target, joinColumn: `${name}Id`, inverseField } };
}

function morphTarget(name: string, label: string, target: string, inverseField: string, morphId: string): FieldDef {
  return { ...manyToOne(name, label, target, inverseField), type: "MORPH_RELATION", morphId };
}

/** The link objects that attach a note or task to people, companies and opportunities (twenty-api.md §10). */
function targetObject(owner: "note" | "task"): ObjectDef {
  const plural = `${owner}Targets`;
  return {
    nameSingular: `${owner}Target`,
    namePlural: plural,
    labelSingular: `${owner === "note" ? "Note" : "Task"} Target`,
    labelPlural: `${owner === "note" ? "Note" : "Task"} Targets`,
    icon: owner === "note" ? "IconNotes" : "IconCheckbox",
    isCustom: false,
    isSystem: true,
    labelIdentifier: "id",
    fields: [
      ...baseFields(),
      manyToOne(owner, owner === "note" ? "Note" : "Task", `${owner}s`, plural),
      morphTarget("targetPerson", "Person", "people", plural, `${owner}-target-morph`),
      morphTarget("targetCompany", "Company", "companies", plural, `${owner}-target-morph`),
      morphTarget("targetOpportunity", "Opportunity", "opportunities", plural, `${owner}-target-morph`),
    ],
  };
}

function targetLists(morphField: "targetPerson" | "targetCompany" | "targetOpportunity"): FieldDef[] {
  return [oneToMany("noteTargets", "Notes", "noteTargets", morphField), oneToMany("taskTargets", "Tasks", "taskTargets", morphField)];
}

function oneToMany(name: string, label: string, target: string, inverseField: string): FieldDef {
  return { name, label, type: "RELATION", isNullable: true, relation: { kind: "ONE_TO_MANY", target, inverseField } };
}

export const OPPORTUNITY_STAGES = ["NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"];
export const TASK_STATUSES = ["TODO", "IN_PROGRESS", "DONE"];
export const PROJECT_STATUSES = ["PLANNED", "IN_PROGRESS", "ON_HOLD", "COMPLETED"];
export const PROJECT_TAGS = ["INTERNAL", "CLIENT_FACING", "R_AND_D", "MARKETING", "INFRASTRUCTURE"];

export const WORKSPACE_OBJECTS: readonly ObjectDef[] = [
  {
    nameSingular: "company",
    namePlural: "companies",
    labelSingular: "Company",
    labelPlural: "Companies",
    icon: "IconBuildingSkyscraper",
    isCustom: false,
    labelIdentifier: "name",
    fields: [
      ...baseFields(),
      { name: "name", label: "Name", type: "TEXT", isNullable: true },
      { name: "domainName", label: "Domain Name", type: "LINKS", isNullable: true, unique: { subField: "primaryLinkUrl" } },
      { name: "employees", label: "Employees", type: "NUMBER", isNullable: true },
      { name: "linkedinLink", label: "Linkedin", type: "LINKS", isNullable: true },
      { name: "xLink", label: "X", type: "LINKS", isNullable: true },
      { name: "annualRecurringRevenue", label: "ARR", type: "CURRENCY", isNullable: true },
      { name: "address", label: "Address", type: "ADDRESS", isNullable: true },
      { name: "idealCustomerProfile", label: "ICP", type: "BOOLEAN", isNullable: false, defaultValue: false },
      oneToMany("people", "People", "people", "company"),
      oneToMany("opportunities", "Opportunities", "opportunities", "company"),
      oneToMany("projects", "Projects", "projects", "company"),
      ...targetLists("targetCompany"),
    ],
  },
  {
    nameSingular: "person",
    namePlural: "people",
    labelSingular: "Person",
    labelPlural: "People",
    icon: "IconUser",
    isCustom: false,
    labelIdentifier: "name",
    fields: [
      ...baseFields(),
      { name: "name", label: "Name", type: "FULL_NAME", isNullable: true },
      { name: "emails", label: "Emails", type: "EMAILS", isNullable: true, unique: { subField: "primaryEmail" } },
      { name: "linkedinLink", label: "Linkedin", type: "LINKS", isNullable: true },
      { name: "xLink", label: "X", type: "LINKS", isNullable: true },
      { name: "jobTitle", label: "Job Title", type: "TEXT", isNullable: true },
      { name: "phones", label: "Phones", type: "PHONES", isNullable: true },
      { name: "city", label: "City", type: "TEXT", isNullable: true },
      { name: "avatarUrl", label: "Avatar", type: "TEXT", isNullable: true },
      manyToOne("company", "Company", "companies", "people"),
      oneToMany("pointOfContactForOpportunities", "Linked Opportunities", "opportunities", "pointOfContact"),
      ...targetLists("targetPerson"),
    ],
  },
  {
    nameSingular: "opportunity",
    namePlural: "opportunities",
    labelSingular: "Opportunity",
    labelPlural: "Opportunities",
    icon: "IconTargetArrow",
    isCustom: false,
    labelIdentifier: "name",
    fields: [
      ...baseFields(),
      { name: "name", label: "Name", type: "TEXT", isNullable: true },
      { name: "amount", label: "Amount", type: "CURRENCY", isNullable: true },
      { name: "closeDate", label: "Close date", type: "DATE_TIME", isNullable: true },
      { name: "stage", label: "Stage", type: "SELECT", isNullable: false, defaultValue: "NEW", options: options(OPPORTUNITY_STAGES) },
      manyToOne("pointOfContact", "Point of Contact", "people", "pointOfContactForOpportunities"),
      manyToOne("company", "Company", "companies", "opportunities"),
      ...targetLists("targetOpportunity"),
    ],
  },
  {
    nameSingular: "note",
    namePlural: "notes",
    labelSingular: "Note",
    labelPlural: "Notes",
    icon: "IconNotes",
    isCustom: false,
    labelIdentifier: "title",
    fields: [
      ...baseFields(),
      { name: "title", label: "Title", type: "TEXT", isNullable: true },
      { name: "bodyV2", label: "Body", type: "RICH_TEXT_V2", isNullable: true },
      oneToMany("noteTargets", "Relations", "noteTargets", "note"),
    ],
  },
  {
    nameSingular: "task",
    namePlural: "tasks",
    labelSingular: "Task",
    labelPlural: "Tasks",
    icon: "IconCheckbox",
    isCustom: false,
    labelIdentifier: "title",
    fields: [
      ...baseFields(),
      { name: "title", label: "Title", type: "TEXT", isNullable: true },
      { name: "bodyV2", label: "Body", type: "RICH_TEXT_V2", isNullable: true },
      { name: "dueAt", label: "Due Date", type: "DATE_TIME", isNullable: true },
      { name: "status", label: "Status", type: "SELECT", isNullable: true, defaultValue: "TODO", options: options(TASK_STATUSES) },
      oneToMany("taskTargets", "Relations", "taskTargets", "task"),
    ],
  },
  {
    nameSingular: "project",
    namePlural: "projects",
    labelSingular: "Project",
    labelPlural: "Projects",
    icon: "IconBriefcase",
    isCustom: true,
    labelIdentifier: "name",
    fields: [
      ...baseFields(),
      { name: "name", label: "Name", type: "TEXT", isNullable: true },
      { name: "code", label: "External ID", type: "TEXT", isNullable: true, isCustom: true, unique: {} },
      { name: "status", label: "Status", type: "SELECT", isNullable: true, isCustom: true, defaultValue: "PLANNED", options: options(PROJECT_STATUSES) },
      { name: "tags", label: "Tags", type: "MULTI_SELECT", isNullable: true, isCustom: true, options: options(PROJECT_TAGS) },
      { name: "priority", label: "Priority", type: "RATING", isNullable: true, isCustom: true, options: options(RATING_VALUES) },
      { name: "startDate", label: "Start date", type: "DATE", isNullable: true, isCustom: true },
      { name: "score", label: "Score", type: "NUMERIC", isNullable: true, isCustom: true },
      { name: "isBillable", label: "Billable", type: "BOOLEAN", isNullable: true, isCustom: true, defaultValue: false },
      { name: "settings", label: "Settings", type: "RAW_JSON", isNullable: true, isCustom: true },
      { name: "keywords", label: "Keywords", type: "ARRAY", isNullable: true, isCustom: true },
      { name: "website", label: "Website", type: "LINKS", isNullable: true, isCustom: true },
      { name: "budget", label: "Budget", type: "CURRENCY", isNullable: true, isCustom: true },
      { name: "summary", label: "Summary", type: "RICH_TEXT", isNullable: true, isCustom: true },
      { name: "attachments", label: "Attachments", type: "FILES", isNullable: true, isCustom: true },
      { ...manyToOne("company", "Company", "companies", "projects"), isCustom: true },
    ],
  },
  targetObject("note"),
  targetObject("task"),
];

export const OBJECTS_BY_PLURAL: ReadonlyMap<string, ObjectDef> = new Map(WORKSPACE_OBJECTS.map((o) => [o.namePlural, o]));

export function fieldByName(object: ObjectDef, name: string): FieldDef | undefined {
  return object.fields.find((f) => f.name === name);
}

const recordKeyIndex = new WeakMap<ObjectDef, Map<string, FieldDef>>();

/** Maps a key that may appear in a record (a field name or a relation join column) to its field. */
export function fieldForRecordKey(object: ObjectDef, key: string): FieldDef | undefined {
  let index = recordKeyIndex.get(object);
  if (!index) {
    index = new Map(object.fields.map((f) => [f.relation?.kind === "MANY_TO_ONE" ? f.relation.joinColumn : f.name, f]));
    recordKeyIndex.set(object, index);
  }
  return index.get(key);
}

export const COMPOSITE_SUB_FIELDS: Partial<Record<FieldType, readonly string[]>> = {
  CURRENCY: ["amountMicros", "currencyCode"],
  FULL_NAME: ["firstName", "lastName"],
  EMAILS: ["primaryEmail", "additionalEmails"],
  PHONES: ["primaryPhoneNumber", "primaryPhoneCountryCode", "primaryPhoneCallingCode", "additionalPhones"],
  LINKS: ["primaryLinkUrl", "primaryLinkLabel", "secondaryLinks"],
  ADDRESS: ["addressStreet1", "addressStreet2", "addressCity", "addressPostcode", "addressState", "addressCountry", "addressLat", "addressLng"],
  ACTOR: ["source", "workspaceMemberId", "name", "context"],
  RICH_TEXT_V2: ["blocknote", "markdown"],
};

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
