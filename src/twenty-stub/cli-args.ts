/** Command-line flags of `npm run twenty-stub` turned into StubOptions (pure, so it is testable). */
import { randomBytes } from "crypto";
import { z } from "zod";
import type { FaultOptions } from "./faults";
import type { StubOptions } from "./index";
import { SEED_OBJECTS } from "./sample-data";

export const DEFAULT_CLI_PORT = 3001;

export const USAGE = `Usage: npm run twenty-stub -- [--port 3001] [--api-key KEY] [--seed sample|empty]
  [--size companies=100000,people=50000] [--rate-limit 100/60000|off] [--max-records 200]
  [--faults serverErrorRate=0.05,badGatewayRate=0.01,timeoutRate=0,dropRate=0,latencyMs=20,seed=7,faultAfterWrite=true]
  [--metadata-format legacy|new]
Binds 127.0.0.1 only. Without --api-key a random key is generated and printed.`;

const count = z.coerce.number().int().nonnegative();
const rate = z.coerce.number().min(0).max(1);

const faultSchema = z.strictObject({
  serverErrorRate: rate.optional(),
  badGatewayRate: rate.optional(),
  timeoutRate: rate.optional(),
  dropRate: rate.optional(),
  latencyMs: count.optional(),
  seed: z.coerce.number().int().optional(),
  faultAfterWrite: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

function pairs(flag: string, text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of text.split(",").filter(Boolean)) {
    const [key, value, ...rest] = item.split("=");
    if (!key || value === undefined || rest.length > 0) throw new Error(`${flag}: expected key=value pairs, got '${item}'`);
    result[key.trim()] = value.trim();
  }
  return result;
}

function check<T>(flag: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${flag}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "value"} ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function parseStubArgs(argv: string[]): StubOptions & { port: number } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!flag.startsWith("--")) throw new Error(`Unexpected argument '${flag}'`);
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value`);
    flags.set(flag, value);
    i++;
  }
  const known = ["--port", "--api-key", "--seed", "--size", "--rate-limit", "--max-records", "--faults", "--metadata-format"];
  for (const flag of flags.keys()) if (!known.includes(flag)) throw new Error(`Unknown option ${flag}`);

  const rateText = flags.get("--rate-limit");
  let rateLimit: StubOptions["rateLimit"];
  if (rateText === "off") rateLimit = null;
  else if (rateText !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(rateText);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error(`--rate-limit: expected LIMIT/WINDOW_MS (e.g. 100/60000) or off, got '${rateText}'`);
    rateLimit = { limit: Number(match[1]), windowMs: Number(match[2]) };
  }
  const sizeText = flags.get("--size");
  const size = sizeText ? check("--size", z.partialRecord(z.enum(SEED_OBJECTS), count), pairs("--size", sizeText)) : undefined;
  const faultText = flags.get("--faults");
  const faults: FaultOptions | undefined = faultText ? check("--faults", faultSchema, pairs("--faults", faultText)) : undefined;

  return {
    port: check("--port", z.coerce.number().int().min(0).max(65535), flags.get("--port") ?? DEFAULT_CLI_PORT),
    apiKey: flags.get("--api-key") ?? `stub-${randomBytes(16).toString("hex")}`,
    seed: check("--seed", z.enum(["sample", "empty"]), flags.get("--seed") ?? "empty"),
    size,
    rateLimit,
    maxRecords: check("--max-records", z.coerce.number().int().min(1), flags.get("--max-records") ?? 200),
    faults,
    metadataFormat: check("--metadata-format", z.enum(["legacy", "new"]), flags.get("--metadata-format") ?? "legacy"),
  };
}
