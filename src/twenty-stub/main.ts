/** `npm run twenty-stub -- …`: runs the Twenty stand-in on 127.0.0.1 until SIGINT/SIGTERM. */
import { parseStubArgs, USAGE } from "./cli-args";
import { startTwentyStub } from "./index";

async function main(): Promise<void> {
  let options;
  try {
    options = parseStubArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const started = Date.now();
  const stub = await startTwentyStub(options);
  const counts = stub.store.objectNames().map((plural) => `${plural}=${stub.store.count(plural)}`).join(" ");
  console.log(`Twenty stand-in listening on ${stub.url} (REST under ${stub.url}/rest), ready in ${Date.now() - started} ms`);
  console.log(`API key: ${stub.apiKey}`);
  console.log(`Records: ${counts}`);
  const stop = () => {
    stub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
