/** Entry point of `twenty-excel-sync` / `npm run sync --`: binds the CLI to this process. */
import { runCli } from "./cli";

const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  process.stderr.write("\nStopping after the current step (press Ctrl+C again to quit at once)…\n");
  controller.abort();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`Unexpected error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  });
