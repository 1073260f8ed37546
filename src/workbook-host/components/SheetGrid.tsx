/**
 * One worksheet as a spreadsheet grid: virtualised rows, fills, fonts, notes, dropdowns, keyboard navigation and
 * in-cell editing. Edits go to the workbook as user edits (so the add-in's change tracking sees them).
 */
import * as React from "react";
import { cellAddress, columnLetters, MAX_COLUMNS } from "../../workbook-layout/a1";
import { editableText } from "../grid/cell-input";
import { displayText, isNumeric } from "../grid/display";
import { scrollToReveal, visibleRows } from "../grid/viewport";
import type { CellView, SheetView, WorkbookSelection } from "../workbook-view";

export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 52;
const EMPTY_ROWS_BELOW = 30;
const EMPTY_COLUMNS_RIGHT = 4;
const MIN_ROWS = 60;
const MIN_COLUMNS = 12;
const WIDTH_SAMPLE_ROWS = 200;

export interface ActiveCell {
  row: number;
  column: number;
}

interface SheetGridProps {
  sheet: SheetView;
  /** Bumped on every workbook change so the grid re-reads cells. */
  revision: number;
  /** The API selection (selectRow), when it is on this sheet. */
  selection: WorkbookSelection | null;
  /** The text as typed; the workbook interprets it as Excel does (numbers, dates, formulas, "'" prefix). */
  onEdit(row: number, column: number, text: string): void;
  /** `byUser` is false when the grid follows the workbook (a new sheet, the add-in's selection). */
  onActiveCellChange(cell: ActiveCell, byUser: boolean): void;
}

function columnWidths(sheet: SheetView, columns: number): number[] {
  const widths: number[] = [];
  const sampleRows = Math.min(sheet.usedRows, WIDTH_SAMPLE_ROWS);
  for (let column = 0; column < columns; column += 1) {
    let longest = 0;
    for (let row = 0; row < sampleRows && column < sheet.usedColumns; row += 1) {
      const cell = sheet.cell(row, column);
      longest = Math.max(longest, displayText(cell.value, cell.numberFormat).length);
    }
    widths.push(Math.min(280, Math.max(72, longest * 7.8 + 24)));
  }
  return widths;
}

function cellStyle(cell: CellView): React.CSSProperties {
  return {
    background: cell.fill ?? undefined,
    color: cell.fontColor ?? undefined,
    fontStyle: cell.italic ? "italic" : undefined,
    fontWeight: cell.bold ? 600 : undefined,
    textAlign: isNumeric(cell.value) ? "right" : undefined,
  };
}

interface EditState {
  row: number;
  column: number;
  text: string;
}

export function SheetGrid({
  sheet,
  revision,
  selection,
  onEdit,
  onActiveCellChange,
}: SheetGridProps): React.JSX.Element {
  const scroller = React.useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = React.useState(0);
  const [viewportHeight, setViewportHeight] = React.useState(600);
  const [active, setActive] = React.useState<ActiveCell>({ row: 0, column: 0 });
  const [editing, setEditing] = React.useState<EditState | null>(null);
  const ownSelections = React.useRef(new Set<string>());

  const rowCount = Math.max(MIN_ROWS, sheet.usedRows + EMPTY_ROWS_BELOW);
  const columnCount = Math.max(MIN_COLUMNS, sheet.usedColumns + EMPTY_COLUMNS_RIGHT);
  // revision is the workbook's change counter: cells may have changed under the same sheet object
  const widths = React.useMemo(() => columnWidths(sheet, columnCount), [sheet, columnCount, revision]);
  const offsets = React.useMemo(
    () => widths.reduce<number[]>((acc, width, index) => [...acc, acc[index] + width], [0]),
    [widths],
  );

  React.useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    setViewportHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  React.useEffect(() => {
    setActive({ row: 0, column: 0 });
    onActiveCellChange({ row: 0, column: 0 }, false);
    setEditing(null);
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [sheet.name]);

  const reveal = React.useCallback(
    (cell: ActiveCell) => {
      const element = scroller.current;
      if (!element) return;
      const top = scrollToReveal(cell.row, element.scrollTop, element.clientHeight, ROW_HEIGHT, HEADER_HEIGHT);
      if (top !== null) element.scrollTop = top;
      const left = offsets[cell.column];
      const right = offsets[cell.column + 1];
      const visibleWidth = element.clientWidth - ROW_HEADER_WIDTH;
      if (left < element.scrollLeft) element.scrollLeft = left;
      else if (right > element.scrollLeft + visibleWidth) element.scrollLeft = right - visibleWidth;
    },
    [offsets],
  );

  const moveTo = React.useCallback(
    (cell: ActiveCell, byUser = true) => {
      const next = {
        row: Math.min(Math.max(cell.row, 0), rowCount - 1),
        column: Math.min(Math.max(cell.column, 0), columnCount - 1),
      };
      setActive(next);
      if (byUser) ownSelections.current.add(`${next.row}:${next.column}`);
      onActiveCellChange(next, byUser);
      reveal(next);
    },
    [rowCount, columnCount, onActiveCellChange, reveal],
  );

  React.useEffect(() => {
    if (!selection) return;
    // The user's own moves come back as workbook selections; following them late would jump back a cell.
    const key = `${selection.firstRow}:${selection.firstColumn}`;
    const single = selection.lastRow === selection.firstRow && selection.lastColumn === selection.firstColumn;
    if (single && ownSelections.current.delete(key)) return;
    ownSelections.current.clear();
    moveTo({ row: selection.firstRow, column: selection.firstColumn }, false);
  }, [selection]);

  const commit = (state: EditState, text: string, move: ActiveCell | null) => {
    if (text !== editableText(sheet.cell(state.row, state.column))) onEdit(state.row, state.column, text);
    setEditing(null);
    if (move) moveTo(move);
    scroller.current?.focus();
  };

  const startEditing = (initialText?: string) => {
    setEditing({
      row: active.row,
      column: active.column,
      text: initialText ?? editableText(sheet.cell(active.row, active.column)),
    });
  };

  const onGridKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const page = Math.max(1, Math.floor((viewportHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, ActiveCell> = {
      ArrowUp: { row: active.row - 1, column: active.column },
      ArrowDown: { row: active.row + 1, column: active.column },
      ArrowLeft: { row: active.row, column: active.column - 1 },
      ArrowRight: { row: active.row, column: active.column + 1 },
      PageUp: { row: active.row - page, column: active.column },
      PageDown: { row: active.row + page, column: active.column },
      Home: event.ctrlKey ? { row: 0, column: 0 } : { row: active.row, column: 0 },
      End: event.ctrlKey
        ? { row: Math.max(0, sheet.usedRows - 1), column: Math.max(0, sheet.usedColumns - 1) }
        : { row: active.row, column: Math.max(0, sheet.usedColumns - 1) },
      Tab: { row: active.row, column: active.column + (event.shiftKey ? -1 : 1) },
    };
    if (moves[event.key]) {
      event.preventDefault();
      moveTo(moves[event.key]);
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      startEditing();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      const cell = sheet.cell(active.row, active.column);
      if (cell.value !== null && cell.value !== "") onEdit(active.row, active.column, "");
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      const cell = sheet.cell(active.row, active.column);
      if (cell.listOptions) startEditing();
      else startEditing(event.key);
    }
  };

  const rowWindow = visibleRows(scrollTop, viewportHeight - HEADER_HEIGHT, ROW_HEIGHT, rowCount);
  const columns = Array.from({ length: columnCount }, (_, index) => index);
  // A single selected cell is just the active cell; ranges and whole rows (selectRow) are highlighted.
  const highlighted =
    selection && (selection.lastRow > selection.firstRow || selection.lastColumn > selection.firstColumn)
      ? selection
      : null;
  const inSelection = (row: number, column: number) =>
    highlighted !== null &&
    row >= highlighted.firstRow &&
    row <= highlighted.lastRow &&
    column >= highlighted.firstColumn &&
    column <= highlighted.lastColumn;

  return (
    <div
      ref={scroller}
      className="grid-scroll"
      tabIndex={0}
      role="grid"
      aria-label={`${sheet.name} sheet`}
      aria-rowcount={rowCount + 1}
      aria-colcount={columnCount + 1}
      data-testid="sheet-grid"
      data-sheet={sheet.name}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onGridKeyDown}
    >
      <table role="presentation" className="grid" style={{ width: ROW_HEADER_WIDTH + offsets[columnCount] }}>
        <colgroup>
          <col style={{ width: ROW_HEADER_WIDTH }} />
          {widths.map((width, index) => (
            <col key={index} style={{ width }} />
          ))}
        </colgroup>
        <thead role="presentation">
          <tr role="row" aria-rowindex={1}>
            <th className="corner" aria-hidden="true" />
            {columns.map((column) => (
              <th key={column} role="columnheader" className={column === active.column ? "current" : undefined}>
                {columnLetters(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="presentation">
          {rowWindow.first > 0 && <tr aria-hidden="true" style={{ height: rowWindow.first * ROW_HEIGHT }} />}
          {Array.from({ length: rowWindow.last - rowWindow.first }, (_, offset) => {
            const row = rowWindow.first + offset;
            const rowSelected =
              highlighted !== null &&
              highlighted.lastColumn - highlighted.firstColumn + 1 >= MAX_COLUMNS &&
              row >= highlighted.firstRow &&
              row <= highlighted.lastRow;
            return (
              <tr key={row} role="row" aria-rowindex={row + 2} className={rowSelected ? "api-selected" : undefined}>
                <th role="rowheader" className={row === active.row ? "current" : undefined}>
                  {row + 1}
                </th>
                {columns.map((column) => {
                  const cell = column < sheet.usedColumns && row < sheet.usedRows ? sheet.cell(row, column) : null;
                  const address = cellAddress(row, column);
                  const isActive = row === active.row && column === active.column;
                  const isEditing = editing !== null && editing.row === row && editing.column === column;
                  const classes = [
                    isActive ? "active" : "",
                    inSelection(row, column) ? "selected" : "",
                    cell?.note ? "has-note" : "",
                  ];
                  return (
                    <td
                      key={column}
                      role="gridcell"
                      aria-selected={isActive}
                      data-cell={address}
                      className={classes.filter(Boolean).join(" ") || undefined}
                      style={cell ? cellStyle(cell) : undefined}
                      title={cell?.note ?? undefined}
                      onMouseDown={() => moveTo({ row, column })}
                      onDoubleClick={() => startEditing()}
                    >
                      {isEditing && editing ? (
                        <CellEditor
                          cell={cell}
                          initialText={editing.text}
                          address={address}
                          onCommit={(text, direction) =>
                            commit(editing, text, {
                              row: row + (direction === "down" ? 1 : direction === "up" ? -1 : 0),
                              column: column + (direction === "right" ? 1 : direction === "left" ? -1 : 0),
                            })
                          }
                          onCancel={() => {
                            setEditing(null);
                            scroller.current?.focus();
                          }}
                        />
                      ) : (
                        cell && displayText(cell.value, cell.numberFormat)
                      )}
                      {cell?.listOptions && !isEditing && isActive && (
                        <span className="dropdown-marker" aria-hidden="true">
                          ▾
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {rowWindow.last < rowCount && (
            <tr aria-hidden="true" style={{ height: (rowCount - rowWindow.last) * ROW_HEIGHT }} />
          )}
        </tbody>
      </table>
    </div>
  );
}

type Direction = "down" | "up" | "right" | "left" | "none";

function CellEditor(props: {
  cell: CellView | null;
  initialText: string;
  address: string;
  onCommit(text: string, direction: Direction): void;
  onCancel(): void;
}): React.JSX.Element {
  const [text, setText] = React.useState(props.initialText);
  const done = React.useRef(false);
  const finish = (value: string, direction: Direction) => {
    if (done.current) return;
    done.current = true;
    props.onCommit(value, direction);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    event.stopPropagation();
    if (event.key === "Enter") {
      event.preventDefault();
      finish((event.currentTarget as HTMLInputElement).value, event.shiftKey ? "up" : "down");
    } else if (event.key === "Tab") {
      event.preventDefault();
      finish((event.currentTarget as HTMLInputElement).value, event.shiftKey ? "left" : "right");
    } else if (event.key === "Escape") {
      event.preventDefault();
      done.current = true;
      props.onCancel();
    }
  };
  const options = props.cell?.listOptions;
  if (options) {
    const choices = text === "" || options.includes(text) ? options : [text, ...options];
    return (
      <select
        className="cell-editor"
        autoFocus
        aria-label={`Value of ${props.address}`}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          finish(event.target.value, "none");
        }}
        onKeyDown={onKeyDown}
        onBlur={(event) => finish(event.target.value, "none")}
      >
        <option value="">(empty)</option>
        {choices.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      className="cell-editor"
      autoFocus
      aria-label={`Value of ${props.address}`}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={(event) => finish(event.target.value, "none")}
    />
  );
}
