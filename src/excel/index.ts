export { createExcelSheetPort } from "./sheet-port";
export type { ApplyResult, EditTracking, ExcelSheetPort, ExcelSheetPortOptions, WorksheetInfo } from "./sheet-port";
export { detectFeatures, MINIMUM_EXCEL_API } from "./office-api";
export type { ExcelFeatures, ExcelRunner, OfficeRequirements } from "./office-api";
export { toSyncError } from "./office-errors";
export { isDarkOfficeTheme, whenOfficeReady } from "./office-host";
export type { HostInfo } from "./office-host";
