/** What the cell editor and the formula bar show for a cell, as Excel does. */
import type { CellView } from "../workbook-view";
import { displayText, isDateFormat } from "./display";

/** The formula when there is one; dates as shown; otherwise the raw value (numbers unformatted, as Excel edits them). */
export function editableText(cell: CellView): string {
  if (cell.formula) return cell.formula;
  const { value } = cell;
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number" && isDateFormat(cell.numberFormat)) return displayText(value, cell.numberFormat);
  return String(value);
}
