import { Checkbox, Dropdown, Field, Input, Option, makeStyles, tokens } from "@fluentui/react-components";
import type { ColumnMapping } from "../../sync/settings";
import {
  TRANSFORM_LABELS,
  TRANSFORM_NAMES,
  formatTransforms,
  parseTransforms,
  selectTransforms,
  setTransformArgument,
  takesArgument,
} from "../state/transforms";

const useStyles = makeStyles({
  options: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    marginLeft: tokens.spacingHorizontalXXL,
    marginBottom: tokens.spacingVerticalS,
  },
});

export interface ColumnOptionsProps {
  column: ColumnMapping;
  onTransformsChange(transforms: string[]): void;
  onClearWhenEmptyChange(clear: boolean): void;
}

/** Push options of one included column: transforms (in order) and whether an empty cell clears Twenty. */
export function ColumnOptions({ column, onTransformsChange, onClearWhenEmptyChange }: ColumnOptionsProps) {
  const styles = useStyles();
  const drafts = parseTransforms(column.transforms);
  const selected = drafts.map((d) => d.name);
  return (
    <div className={styles.options} data-testid={`column-options-${column.column}`}>
      <Field label={`Transforms for ${column.column}`} size="small">
        <Dropdown
          multiselect
          inlinePopup
          size="small"
          placeholder="None"
          selectedOptions={selected}
          value={selected.map((n) => TRANSFORM_LABELS[n]).join(", ")}
          onOptionSelect={(_, d) => onTransformsChange(formatTransforms(selectTransforms(drafts, d.selectedOptions)))}
          data-testid={`transforms-${column.column}`}
        >
          {TRANSFORM_NAMES.map((name) => (
            <Option key={name} value={name}>
              {TRANSFORM_LABELS[name]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {drafts
        .filter((d) => takesArgument(d.name))
        .map((d) => (
          <Field key={d.name} label={`${TRANSFORM_LABELS[d.name].replace("…", "")} (${column.column})`} size="small">
            <Input
              size="small"
              value={d.argument}
              onChange={(_, v) => onTransformsChange(formatTransforms(setTransformArgument(drafts, d.name, v.value)))}
              data-testid={`transform-arg-${d.name}-${column.column}`}
            />
          </Field>
        ))}
      <Checkbox
        label="An empty cell clears the value in Twenty"
        checked={column.clearWhenEmpty}
        onChange={(_, d) => onClearWhenEmptyChange(d.checked === true)}
        data-testid={`clear-when-empty-${column.column}`}
      />
    </div>
  );
}
