import { createFakeExcel, type FakeExcelOptions } from "../../../src/excel-fake";
import { createExcelSheetPort, type ExcelSheetPortOptions } from "../../../src/excel";
import type { ColumnSpec, SheetChanges } from "../../../src/sync/ports";

/** An adapter wired to a fresh in-memory Excel. */
export function excelWithPort(fakeOptions: FakeExcelOptions = {}, portOptions: Omit<ExcelSheetPortOptions, "excel" | "office"> = {}) {
  const fake = createFakeExcel(fakeOptions);
  const port = createExcelSheetPort({ excel: fake.Excel, office: fake.Office, ...portOptions });
  return { fake, port };
}

export const PEOPLE_COLUMNS: ColumnSpec[] = [
  { header: "id", readOnly: true, format: "text" },
  { header: "name.firstName", readOnly: false, format: "text" },
  { header: "city", readOnly: false, format: "text" },
  { header: "employees", readOnly: false, format: "number" },
  { header: "stage", readOnly: false, format: "text", options: ["LEAD", "CUSTOMER", "CHURNED"] },
  { header: "updatedAt", readOnly: true, format: "datetime" },
];

export function person(i: number) {
  return { id: `id-${i}`, "name.firstName": `First ${i}`, city: `City ${i % 50}`, employees: i, stage: "LEAD", updatedAt: 45000 + i / 10 };
}

export function appendsOnly(appends: SheetChanges["appends"], columns = PEOPLE_COLUMNS): SheetChanges {
  return { columns, updates: [], deleteRows: [], appends };
}
