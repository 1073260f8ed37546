/**
 * The adapter's view of the host: `Excel.run` and `Office.context.requirements`, injectable so tests
 * can pass the in-memory Excel (or office-addin-mock) and production uses the globals.
 */
export type ExcelRunner = Pick<typeof Excel, "run">;

export interface OfficeRequirements {
  context: { requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

/** What this host can do, decided once from ExcelApi requirement sets (versions passed as strings, as the docs insist). */
export interface ExcelFeatures {
  /** 1.6 */
  suspendCalculation: boolean;
  /** 1.8: `runtime.enableEvents` and data validation. */
  enableEvents: boolean;
  dataValidation: boolean;
  /** 1.9 */
  suspendScreenUpdating: boolean;
  /** 1.10: threaded comments. */
  comments: boolean;
  /** 1.11: `Excel.run({ delayForCellEdit: true })`. */
  delayForCellEdit: boolean;
  /** 1.13 */
  tableResize: boolean;
  /** 1.14: `triggerSource` on change events. */
  triggerSource: boolean;
  /** 1.18: notes. */
  notes: boolean;
}

export function detectFeatures(office: OfficeRequirements): ExcelFeatures {
  const has = (minor: number) => office.context.requirements.isSetSupported("ExcelApi", `1.${minor}`);
  return {
    suspendCalculation: has(6),
    enableEvents: has(8),
    dataValidation: has(8),
    suspendScreenUpdating: has(9),
    comments: has(10),
    delayForCellEdit: has(11),
    tableResize: has(13),
    triggerSource: has(14),
    notes: has(18),
  };
}

/** The smallest requirement set the adapter needs at all (getRangeByIndexes, *OrNullObject, onChanged). */
export const MINIMUM_EXCEL_API = "1.7";
