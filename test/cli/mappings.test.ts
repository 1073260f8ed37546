import { CliError } from "../../src/cli/cli-error";
import { addDefaultMappings, objectsToAdd } from "../../src/cli/mappings";
import type { ObjectMetadata } from "../../src/sync/metadata";
import { emptyWorkbookSettings, workbookSettingsSchema } from "../../src/sync/settings";

const meta = (namePlural: string, labelPlural: string): ObjectMetadata => ({
  nameSingular: namePlural.replace(/s$/, ""),
  namePlural,
  labelSingular: labelPlural,
  labelPlural,
  fields: [{ name: "name", label: "Name", type: "TEXT" }],
});
const metadata = [
  meta("companies", "Companies"),
  meta("people", "People"),
  meta("petCareAgreements", "Pet care: agreements"),
];
const columns = () => [{ column: "name", transforms: [], clearWhenEmpty: false }];
const url = "http://127.0.0.1:4000";

function rejection(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error("expected a CliError");
}

describe("object mappings for a run", () => {
  it("lets pull add default mappings with the usual sheet names and remembers the workspace", () => {
    const empty = emptyWorkbookSettings();
    const toAdd = objectsToAdd(empty, {
      mode: "pull",
      objects: ["companies", "petCareAgreements"],
      baseUrl: url,
      file: "b.xlsx",
    });
    expect(toAdd).toEqual(["companies", "petCareAgreements"]);
    const { settings, added } = addDefaultMappings(empty, toAdd, metadata, columns, url);
    expect(added).toEqual([
      { object: "companies", sheetName: "Companies" },
      { object: "petCareAgreements", sheetName: "Pet care agreements" },
    ]);
    expect(settings.baseUrl).toBe(url);
    expect(workbookSettingsSchema.parse(settings).objects[0]).toMatchObject({
      object: "companies",
      columns: columns(),
      strategy: "newest_wins",
    });
  });

  it("tells push and sync to pull first for unmapped objects, and a new workbook to name its objects", () => {
    expect(
      rejection(() =>
        objectsToAdd(emptyWorkbookSettings(), { mode: "sync", objects: ["people"], baseUrl: url, file: "b.xlsx" }),
      ).message,
    ).toContain('Run "pull --objects people" first');
    expect(
      rejection(() => objectsToAdd(emptyWorkbookSettings(), { mode: "pull", baseUrl: url, file: "b.xlsx" })).message,
    ).toContain("has no synced objects yet");
  });

  it("names unknown objects and lists the ones the workspace has", () => {
    const error = rejection(() => addDefaultMappings(emptyWorkbookSettings(), ["companys"], metadata, columns, url));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('no object named "companys". Available: companies, people, petCareAgreements');
  });

  it("refuses a workbook set up against another workspace", () => {
    const settings = { ...emptyWorkbookSettings(), baseUrl: "https://crm.example.com" };
    expect(
      rejection(() => objectsToAdd(settings, { mode: "pull", objects: ["companies"], baseUrl: url, file: "b.xlsx" }))
        .message,
    ).toContain("is synced with https://crm.example.com");
  });
});
