import { emptyWorkbookSettings, workbookSettingsSchema } from "../../src/sync/settings";
import {
  columnDisplayOrder,
  defaultSheetName,
  findMapping,
  firstRunChoices,
  setApplyDeletes,
  setColumnIncluded,
  setColumnTransforms,
  setObjectEnabled,
  setSheetName,
  setStrategy,
  sheetColumnOrder,
  syncableObjects,
  validateSettings,
  withExplicitColumns,
} from "../../src/taskpane/state/mapping-editor";
import { COMPANIES, OLD_DEALS, PEOPLE, PETS, WORKSPACE_MEMBERS, defaultColumnsOf } from "./support/fakes";

const AVAILABLE = ["id", "name", "employees", "domainName.primaryLinkUrl", "updatedAt"];

describe("choosing objects", () => {
  it("offers standard objects then custom ones, without system or inactive objects", () => {
    expect(syncableObjects([PETS, WORKSPACE_MEMBERS, PEOPLE, OLD_DEALS, COMPANIES]).map((m) => m.namePlural)).toEqual([
      "companies",
      "people",
      "pets",
    ]);
  });

  it("suggests, for a workbook without choices, only the companies and people the workspace offers as syncable", () => {
    const inactivePeople = { ...PEOPLE, isActive: false };
    const suggested = firstRunChoices(emptyWorkbookSettings(), [PETS, inactivePeople, COMPANIES], defaultColumnsOf);
    expect(suggested?.objects).toEqual([
      {
        object: "companies",
        sheetName: "Companies",
        enabled: true,
        columns: defaultColumnsOf(COMPANIES),
        strategy: "newest_wins",
        applyDeletes: { inCrm: false, inSheet: false },
      },
    ]);
    expect(firstRunChoices(emptyWorkbookSettings(), [PETS, WORKSPACE_MEMBERS], defaultColumnsOf)).toBeNull();
    const chosen = setObjectEnabled(emptyWorkbookSettings(), PETS, true, defaultColumnsOf(PETS));
    expect(firstRunChoices(chosen, [COMPANIES, PEOPLE, PETS], defaultColumnsOf)).toBeNull();
  });

  it("maps a newly enabled object to its default sheet with its default columns and safe options", () => {
    const settings = setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaultColumnsOf(COMPANIES));
    expect(findMapping(settings, "companies")).toEqual({
      object: "companies",
      sheetName: "Companies",
      enabled: true,
      columns: defaultColumnsOf(COMPANIES),
      strategy: "newest_wins",
      applyDeletes: { inCrm: false, inSheet: false },
    });
    expect(workbookSettingsSchema.safeParse(settings).success).toBe(true);
  });

  it("keeps the choices of an object switched off and on again", () => {
    let settings = setObjectEnabled(emptyWorkbookSettings(), PETS, true, defaultColumnsOf(PETS));
    settings = setSheetName(settings, "pets", "My pets");
    settings = setObjectEnabled(settings, PETS, false, defaultColumnsOf(PETS));
    expect(findMapping(settings, "pets")?.enabled).toBe(false);
    settings = setObjectEnabled(settings, PETS, true, defaultColumnsOf(PETS));
    expect(findMapping(settings, "pets")?.sheetName).toBe("My pets");
  });

  it("names custom objects' sheets after their plural label, made legal for Excel", () => {
    expect(defaultSheetName({ ...PETS, labelPlural: "Pets: cats/dogs [all]" })).toBe("Pets  cats dogs  all");
    expect(defaultSheetName({ ...PETS, labelPlural: "A".repeat(40) })).toHaveLength(31);
  });
});

describe("choosing columns", () => {
  const base = () => setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaultColumnsOf(COMPANIES));

  it("keeps included columns in metadata order whatever order they were ticked in", () => {
    let settings = setColumnIncluded(base(), "companies", "employees", true, AVAILABLE);
    settings = setColumnIncluded(settings, "companies", "name", false, AVAILABLE);
    settings = setColumnIncluded(settings, "companies", "name", true, AVAILABLE);
    expect(findMapping(settings, "companies")?.columns.map((c) => c.column)).toEqual([
      "id",
      "name",
      "employees",
      "domainName.primaryLinkUrl",
      "updatedAt",
    ]);
  });

  it("keeps a column's transforms when other columns change", () => {
    let settings = setColumnTransforms(base(), "companies", "name", ["trim", "null_if:N/A"]);
    settings = setColumnIncluded(settings, "companies", "employees", true, AVAILABLE);
    expect(findMapping(settings, "companies")?.columns.find((c) => c.column === "name")?.transforms).toEqual([
      "trim",
      "null_if:N/A",
    ]);
  });

  it("starts editing from the default columns when the mapping relies on defaults (empty list)", () => {
    const settings = { ...base(), objects: base().objects.map((o) => ({ ...o, columns: [] })) };
    const edited = setColumnIncluded(
      withExplicitColumns(settings, "companies", defaultColumnsOf(COMPANIES)),
      "companies",
      "employees",
      true,
      AVAILABLE,
    );
    expect(findMapping(edited, "companies")?.columns.map((c) => c.column)).toEqual([
      "id",
      "name",
      "employees",
      "domainName.primaryLinkUrl",
      "updatedAt",
    ]);
  });
});

describe("validating settings before they are saved", () => {
  const twoObjects = () =>
    setObjectEnabled(
      setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaultColumnsOf(COMPANIES)),
      PEOPLE,
      true,
      defaultColumnsOf(PEOPLE),
    );

  it("accepts what the editor produces, strategies and deletes included", () => {
    const settings = setApplyDeletes(setStrategy(twoObjects(), "people", "field_merge"), "people", "inCrm", true);
    const verdict = validateSettings(settings);
    expect(verdict.ok).toBe(true);
  });

  it("names the object and field of an illegal sheet name", () => {
    const verdict = validateSettings(setSheetName(twoObjects(), "people", "People/2024"));
    expect(verdict).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          object: "people",
          field: "sheetName",
          message: expect.stringContaining("cannot contain"),
        }),
      ],
    });
  });

  it("refuses two objects on the same sheet", () => {
    const verdict = validateSettings(setSheetName(twoObjects(), "people", "companies"));
    expect(verdict).toEqual({
      ok: false,
      issues: [{ object: "people", field: "sheetName", message: 'sheet "companies" is already used by companies' }],
    });
  });

  it("refuses a transform with an unknown name", () => {
    const verdict = validateSettings(setColumnTransforms(twoObjects(), "companies", "name", ["shout"]));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.issues[0]).toMatchObject({ object: "companies", field: "columns.1.transforms.0" });
  });
});

describe("the column list", () => {
  const available = [
    { name: "id", readOnly: true },
    { name: "createdAt", readOnly: true },
    { name: "updatedAt", readOnly: true },
    { name: "position", readOnly: false },
    { name: "name", readOnly: false },
    { name: "employees", readOnly: false },
  ];
  const defaults = ["id", "name", "updatedAt"].map((column) => ({ column, transforms: [], clearWhenEmpty: false }));

  it("shows the default columns first, then other editable ones, then other read-only ones", () => {
    expect(columnDisplayOrder(available, defaults).map((c) => c.name)).toEqual([
      "id",
      "name",
      "updatedAt",
      "position",
      "employees",
      "createdAt",
    ]);
  });

  it("puts read-only columns other than the id after the editable ones in the sheet", () => {
    const order = sheetColumnOrder(columnDisplayOrder(available, defaults));
    expect(order).toEqual(["id", "name", "position", "employees", "updatedAt", "createdAt"]);
    let settings = setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaults);
    settings = setColumnIncluded(settings, "companies", "employees", true, order);
    expect(findMapping(settings, "companies")?.columns.map((c) => c.column)).toEqual([
      "id",
      "name",
      "employees",
      "updatedAt",
    ]);
  });
});
