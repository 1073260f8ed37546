import { DEFAULT_CLI_PORT, parseStubArgs } from "../../src/twenty-stub/cli-args";

describe("twenty-stub command-line flags", () => {
  it("defaults to port 3001, an empty workspace, a generated key and the current limits", () => {
    const options = parseStubArgs([]);
    expect(options).toMatchObject({ port: DEFAULT_CLI_PORT, seed: "empty", maxRecords: 200, metadataFormat: "legacy" });
    expect(DEFAULT_CLI_PORT).toBe(3001);
    expect(options.apiKey).toMatch(/^stub-[0-9a-f]{32}$/);
    expect(options.rateLimit).toBeUndefined();
  });

  it("reads every flag", () => {
    const options = parseStubArgs([
      "--port", "4000", "--api-key", "K", "--seed", "sample", "--size", "companies=100000,people=50000",
      "--rate-limit", "50/60000", "--max-records", "60", "--faults", "serverErrorRate=0.05,latencyMs=20,seed=3,faultAfterWrite=true", "--metadata-format", "new",
    ]);
    expect(options).toEqual({
      port: 4000, apiKey: "K", seed: "sample", size: { companies: 100000, people: 50000 }, rateLimit: { limit: 50, windowMs: 60000 },
      maxRecords: 60, faults: { serverErrorRate: 0.05, latencyMs: 20, seed: 3, faultAfterWrite: true }, metadataFormat: "new",
    });
    expect(parseStubArgs(["--rate-limit", "off"]).rateLimit).toBeNull();
  });

  it.each([
    [["--seed", "full"], /--seed/],
    [["--size", "spaceships=3"], /--size/],
    [["--rate-limit", "fast"], /--rate-limit/],
    [["--faults", "serverErrorRate=2"], /--faults/],
    [["--faults", "chaos=1"], /--faults/],
    [["--port"], /--port needs a value/],
    [["--verbose", "1"], /Unknown option --verbose/],
  ])("refuses %j with a message naming the flag", (argv, message) => {
    expect(() => parseStubArgs(argv as string[])).toThrow(message);
  });
});
