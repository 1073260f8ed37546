import {
  Link,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SyncRunReport } from "../../app/engine";
import { describeAutoResolved, describeFailure, objectTotals } from "../../app/run-summary";
import { describeCrmRead } from "../../sync/describe-report";
import { describeCellProblem } from "../../sync/errors";
import { AutoResolvedView } from "./AutoResolvedView";

const useStyles = makeStyles({
  results: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  errors: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "220px", overflowY: "auto" },
});

export interface ResultsViewProps {
  report: SyncRunReport;
  onSelectRow(sheetName: string, rowNumber: number): unknown;
}

function changes(added: number, updated: number, deleted: number): string {
  const parts = [added && `${added} added`, updated && `${updated} updated`, deleted && `${deleted} deleted`].filter(
    Boolean,
  );
  return parts.length ? parts.join(", ") : "no change";
}

/** What the last run did per object, and every row that could not be synced (click to go to the row). */
export function ResultsView({ report, onSelectRow }: ResultsViewProps) {
  const styles = useStyles();
  const totals = report.objects.map(objectTotals);
  const rowErrors = report.objects.flatMap((o) =>
    o.rowErrors.map((e) => ({ ...e, sheetName: o.sheetName, object: o.object })),
  );
  const settled = report.objects.flatMap((o) => o.autoResolved);
  const sheetNameOf = (object: string) => report.objects.find((o) => o.object === object)?.sheetName ?? object;
  return (
    <section className={styles.results} aria-label="Results" data-testid="results">
      <Subtitle2>Last run</Subtitle2>
      <Table size="small" aria-label="Changes per object">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Object</TableHeaderCell>
            <TableHeaderCell>Twenty</TableHeaderCell>
            <TableHeaderCell>Workbook</TableHeaderCell>
            <TableHeaderCell>Conflicts</TableHeaderCell>
            <TableHeaderCell>Errors</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {totals.map((t) => (
            <TableRow key={t.object} data-testid={`result-${t.object}`}>
              <TableCell>{t.object}</TableCell>
              <TableCell data-testid={`result-${t.object}-crm`}>
                {changes(t.crm.created, t.crm.updated, t.crm.deleted)}
              </TableCell>
              <TableCell data-testid={`result-${t.object}-sheet`}>
                {changes(t.sheet.added, t.sheet.updated, t.sheet.deleted)}
              </TableCell>
              <TableCell>{t.conflicts}</TableCell>
              <TableCell>{t.errors}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.objects.flatMap((o) =>
        o.crmRead
          ? [
              <Text key={`${o.object}-read`} data-testid={`crm-read-${o.object}`}>
                {o.object}: {describeCrmRead(o.crmRead)}
              </Text>,
            ]
          : [],
      )}
      {totals
        .filter((t) => t.blocked || t.failure)
        .map((t) => (
          <Text key={t.object} role="alert">
            {t.object}: {t.failure ? describeFailure(t.failure) : `stopped — ${t.blocked}`}
          </Text>
        ))}
      {report.objects.flatMap((o) =>
        o.warnings.map((w, i) => (
          <Text key={`${o.object}-w${i}`}>
            {o.object}: {w}
          </Text>
        )),
      )}
      {report.objects
        .filter((o) => o.autoResolved.length > 0)
        .map((o) => (
          <Text key={`${o.object}-settled`} data-testid={`auto-resolved-count-${o.object}`}>
            {o.object}: {describeAutoResolved(o.autoResolved.length, o.plan.strategy)}
          </Text>
        ))}
      {settled.length > 0 && <AutoResolvedView settled={settled} sheetNameOf={sheetNameOf} onSelectRow={onSelectRow} />}
      {rowErrors.length > 0 && (
        <>
          <Subtitle2>Rows that were not synced</Subtitle2>
          <ul className={styles.errors} aria-label="Row errors" data-testid="row-errors">
            {rowErrors.map((e, i) => (
              <li key={`${e.object}-${e.row}-${e.column ?? ""}-${i}`}>
                <Link as="button" onClick={() => onSelectRow(e.sheetName, e.row)} data-testid="row-error">
                  {e.sheetName}: {describeCellProblem(e)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
