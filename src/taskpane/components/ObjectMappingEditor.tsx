import {
  Checkbox,
  Combobox,
  Field,
  Label,
  MessageBar,
  MessageBarBody,
  Option,
  Select,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { AvailableColumn } from "../../app/engine";
import {
  STRATEGIES,
  type ColumnMapping,
  type ObjectMapping,
  type Strategy,
  type WorkbookSettings,
} from "../../sync/settings";
import {
  columnDisplayOrder,
  setApplyDeletes,
  setClearWhenEmpty,
  setColumnIncluded,
  setColumnTransforms,
  setSheetName,
  setStrategy,
  sheetColumnOrder,
  withExplicitColumns,
  type SettingsIssue,
} from "../state/mapping-editor";
import { existingSheet, sheetNameHint, sheetOptions, type WorksheetList } from "../state/sheet-picker";
import { ColumnOptions } from "./ColumnOptions";

const STRATEGY_LABELS: Record<Strategy, string> = {
  newest_wins: "Newest change wins",
  crm_wins: "Twenty wins",
  excel_wins: "Workbook wins",
  field_merge: "Ask me (show conflicts)",
};

const useStyles = makeStyles({
  editor: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
  columns: {
    display: "flex",
    flexDirection: "column",
    maxHeight: "320px",
    overflowY: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
  },
});

export interface ObjectMappingEditorProps {
  settings: WorkbookSettings;
  mapping: ObjectMapping;
  available: AvailableColumn[];
  defaults: ColumnMapping[];
  issues: SettingsIssue[];
  /** The workbook's worksheets, offered as sheet names (any other name can be typed). */
  worksheets: WorksheetList;
  /** The sheet list was opened: read the worksheets again. */
  onSheetListOpened(): void;
  onChange(settings: WorkbookSettings): void;
}

export function ObjectMappingEditor({
  settings,
  mapping,
  available,
  defaults,
  issues,
  worksheets,
  onSheetListOpened,
  onChange,
}: ObjectMappingEditorProps) {
  const styles = useStyles();
  const object = mapping.object;
  const columns = mapping.columns.length > 0 ? mapping.columns : defaults;
  const displayed = columnDisplayOrder(available, defaults);
  const order = sheetColumnOrder(displayed);
  const selected = existingSheet(worksheets, mapping.sheetName);
  const issueFor = (field: string) =>
    issues
      .filter((i) => i.field === field || i.field.startsWith(`${field}.`))
      .map((i) => i.message)
      .join("; ") || undefined;

  return (
    <div className={styles.editor} data-testid={`mapping-${object}`}>
      <Field
        label="Sheet name"
        validationMessage={issueFor("sheetName")}
        hint={sheetNameHint(worksheets, mapping.sheetName)}
        required
      >
        <Combobox
          freeform
          value={mapping.sheetName}
          selectedOptions={selected ? [selected] : []}
          onChange={(e) => onChange(setSheetName(settings, object, e.target.value))}
          onOptionSelect={(_, d) => d.optionValue && onChange(setSheetName(settings, object, d.optionValue))}
          onOpenChange={(_, d) => d.open && onSheetListOpened()}
          data-testid={`sheet-name-${object}`}
        >
          {sheetOptions(worksheets, settings, object).map((o) => (
            <Option key={o.name} value={o.name} text={o.name}>
              {o.usedBy ? `${o.name} (synced with ${o.usedBy})` : o.name}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field label="When both sides changed the same field">
        <Select
          value={mapping.strategy}
          onChange={(_, d) => onChange(setStrategy(settings, object, d.value as Strategy))}
          data-testid={`strategy-${object}`}
        >
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {STRATEGY_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      {/* A fieldset, not a Field: Field gives its one id to every control inside, which breaks the checkbox labels. */}
      <fieldset className={styles.fieldset}>
        <legend>
          <Label weight="semibold">Columns</Label>
        </legend>
        <div className={styles.columns} role="group" aria-label={`Columns of ${object}`}>
          {displayed.map((c) => {
            const included = columns.find((m) => m.column === c.name);
            const edit = (next: (s: WorkbookSettings) => WorkbookSettings) =>
              onChange(next(withExplicitColumns(settings, object, defaults)));
            return (
              <div key={c.name}>
                <Checkbox
                  label={c.readOnly ? `${c.name} (read-only)` : c.name}
                  checked={included !== undefined}
                  onChange={(_, d) => edit((s) => setColumnIncluded(s, object, c.name, d.checked === true, order))}
                  data-testid={`column-${object}-${c.name}`}
                />
                {included && !c.readOnly && (
                  <ColumnOptions
                    column={included}
                    onTransformsChange={(t) => edit((s) => setColumnTransforms(s, object, c.name, t))}
                    onClearWhenEmptyChange={(v) => edit((s) => setClearWhenEmpty(s, object, c.name, v))}
                  />
                )}
              </div>
            );
          })}
        </div>
        {issueFor("columns") && (
          <Text role="alert" className={styles.error}>
            {issueFor("columns")}
          </Text>
        )}
      </fieldset>
      <Switch
        label="Delete in Twenty the records whose rows I delete"
        checked={mapping.applyDeletes.inCrm}
        onChange={(_, d) => onChange(setApplyDeletes(settings, object, "inCrm", d.checked))}
        data-testid={`apply-deletes-crm-${object}`}
      />
      <Switch
        label="Delete rows whose records were deleted in Twenty"
        checked={mapping.applyDeletes.inSheet}
        onChange={(_, d) => onChange(setApplyDeletes(settings, object, "inSheet", d.checked))}
        data-testid={`apply-deletes-sheet-${object}`}
      />
      {(mapping.applyDeletes.inCrm || mapping.applyDeletes.inSheet) && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Deletions will be applied, not just shown. A deleted row or record is gone on the other side too; use
            Preview first.
          </MessageBarBody>
        </MessageBar>
      )}
      {issues
        .filter((i) => !["sheetName", "columns"].some((f) => i.field === f || i.field.startsWith(`${f}.`)))
        .map((i) => (
          <Text key={`${i.field}:${i.message}`} role="alert">
            {i.field}: {i.message}
          </Text>
        ))}
    </div>
  );
}
