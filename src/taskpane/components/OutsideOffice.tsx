import { Body1, Card, CardHeader, Link, Subtitle1, Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXL,
    maxWidth: "560px",
  },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** Microsoft's guide to loading an add-in into Excel for testing (sideloading). */
export const SIDELOAD_GUIDE_URL = "https://learn.microsoft.com/office/dev/add-ins/testing/test-debug-office-add-ins";

/** Shown when the page is opened in a plain browser: the pane only works inside Excel (or the demo host). */
export function OutsideOffice() {
  const styles = useStyles();
  return (
    <main className={styles.page} data-testid="outside-office">
      <Card>
        <CardHeader header={<Subtitle1 as="h1">Open this in Excel</Subtitle1>} />
        <Body1>
          Twenty Sync is an Excel add-in: it reads and writes your workbook, so it needs to run inside Excel. This page
          was opened in a browser on its own.
        </Body1>
        <ol className={styles.steps}>
          <li>
            <Text>In Excel, open the Twenty tab and choose Twenty Sync.</Text>
          </li>
          <li>
            <Text>
              No Excel at hand? Run <code>npm run demo</code> in the project folder (see its README, “Try it in a
              minute”) to use the add-in beside an in-browser workbook.
            </Text>
          </li>
        </ol>
        <Link href={SIDELOAD_GUIDE_URL} target="_blank" rel="noreferrer">
          How to load an add-in into Excel
        </Link>
      </Card>
    </main>
  );
}
