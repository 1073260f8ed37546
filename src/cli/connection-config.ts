/**
 * Where the CLI finds its Twenty connection: the environment first, then a `.env` file beside the
 * workbook, then one in the working directory. Never the workbook itself.
 */
import { existsSync, readFileSync } from "fs";
import { dirname, join, resolve } from "path";
import { z } from "zod";
import { SyncError } from "../sync/errors";
import { parseTwentyConfig, type TwentyConfig } from "../twenty";
import { CliError, EXIT_CODES } from "./cli-error";

const ENV_KEYS = ["TWENTY_API_URL", "TWENTY_API_KEY", "TWENTY_REQUESTS_PER_MINUTE", "TWENTY_BATCH_SIZE"] as const;
type EnvKey = (typeof ENV_KEYS)[number];

/** `KEY=value` lines; `#` comments, blank lines, an optional `export ` and matching quotes around the value. */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match;
    const quoted = /^(["'])(.*)\1$/.exec(rest);
    values[key] = quoted ? quoted[2] : rest.replace(/\s+#.*$/, "");
  }
  return values;
}

const positiveNumber = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, `${name} must be a positive number`)
    .transform(Number)
    .refine((n) => n > 0, `${name} must be a positive number`)
    .optional();

const connectionEnvSchema = z.object({
  TWENTY_API_URL: z
    .string({ error: "TWENTY_API_URL is not set (the workspace URL, e.g. https://api.twenty.com)" })
    .trim()
    .min(1, "TWENTY_API_URL is empty"),
  TWENTY_API_KEY: z
    .string({ error: "TWENTY_API_KEY is not set (create a key in Twenty under Settings → APIs & Webhooks)" })
    .trim()
    .min(1, "TWENTY_API_KEY is empty"),
  TWENTY_REQUESTS_PER_MINUTE: positiveNumber("TWENTY_REQUESTS_PER_MINUTE"),
  TWENTY_BATCH_SIZE: positiveNumber("TWENTY_BATCH_SIZE").refine(
    (n) => n === undefined || Number.isInteger(n),
    "TWENTY_BATCH_SIZE must be a whole number",
  ),
});

export interface ConnectionSources {
  env: Record<string, string | undefined>;
  cwd: string;
  /** The workbook path, whose folder may hold a `.env`. */
  workbookPath?: string;
}

function readDotEnv(folder: string): Record<string, string> {
  const path = join(folder, ".env");
  return existsSync(path) ? parseDotEnv(readFileSync(path, "utf8")) : {};
}

/** Merged values by precedence: environment, then `.env` beside the workbook, then `.env` in the working directory. */
export function collectConnectionEnv(sources: ConnectionSources): Partial<Record<EnvKey, string>> {
  const layers = [readDotEnv(resolve(sources.cwd))];
  if (sources.workbookPath) layers.push(readDotEnv(dirname(resolve(sources.cwd, sources.workbookPath))));
  layers.push(
    Object.fromEntries(
      Object.entries(sources.env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
    ),
  );
  const merged: Partial<Record<EnvKey, string>> = {};
  for (const layer of layers) for (const key of ENV_KEYS) if (layer[key] !== undefined) merged[key] = layer[key];
  return merged;
}

export function loadConnectionConfig(sources: ConnectionSources): TwentyConfig {
  const parsed = connectionEnvSchema.safeParse(collectConnectionEnv(sources));
  if (!parsed.success) throw new CliError(EXIT_CODES.usage, parsed.error.issues.map((i) => i.message).join("; "));
  const env = parsed.data;
  try {
    return parseTwentyConfig({
      baseUrl: env.TWENTY_API_URL,
      apiKey: env.TWENTY_API_KEY,
      ...(env.TWENTY_REQUESTS_PER_MINUTE !== undefined ? { requestsPerMinute: env.TWENTY_REQUESTS_PER_MINUTE } : {}),
      ...(env.TWENTY_BATCH_SIZE !== undefined ? { batchSize: env.TWENTY_BATCH_SIZE } : {}),
    });
  } catch (error) {
    if (error instanceof SyncError)
      throw new CliError(
        EXIT_CODES.usage,
        error.message.replace("baseUrl", "TWENTY_API_URL").replace("batchSize", "TWENTY_BATCH_SIZE"),
        { cause: error },
      );
    throw error;
  }
}
