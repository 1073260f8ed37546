export { createTwentyClient, type TwentyClient, type TwentyListOptions, type UpdateOptions } from "./client";
export {
  maskApiKey,
  normalizeBaseUrl,
  parseTwentyConfig,
  twentyConfigSchema,
  type TwentyConfig,
  type TwentyConfigInput,
} from "./config";
export { TwentyApiError } from "./api-error";
export type { ConnectionTestResult } from "./connection-test";
