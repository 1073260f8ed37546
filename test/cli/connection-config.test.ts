import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CliError } from "../../src/cli/cli-error";
import { loadConnectionConfig, parseDotEnv } from "../../src/cli/connection-config";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "cli-env-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("connection settings", () => {
  it("parses a small .env: comments, export, quotes", () => {
    expect(
      parseDotEnv(
        "# c\nexport TWENTY_API_URL=\"http://127.0.0.1:3000\"\nTWENTY_API_KEY=abc # note\n\nBAD LINE\nX='q # kept'\n",
      ),
    ).toEqual({
      TWENTY_API_URL: "http://127.0.0.1:3000",
      TWENTY_API_KEY: "abc",
      X: "q # kept",
    });
  });

  it("prefers the environment, then the .env beside the workbook, then the one in the working directory", () => {
    const books = join(dir, "books");
    mkdirSync(books);
    writeFileSync(
      join(dir, ".env"),
      "TWENTY_API_URL=http://127.0.0.1:1111\nTWENTY_API_KEY=cwd-key-123456\nTWENTY_BATCH_SIZE=20\n",
    );
    writeFileSync(join(books, ".env"), "TWENTY_API_KEY=book-key-123456\nTWENTY_BATCH_SIZE=30\n");
    const config = loadConnectionConfig({ env: { TWENTY_BATCH_SIZE: "40" }, cwd: dir, workbookPath: "books/b.xlsx" });
    expect(config).toMatchObject({ baseUrl: "http://127.0.0.1:1111", apiKey: "book-key-123456", batchSize: 40 });
  });

  it("explains missing or invalid settings without echoing the key", () => {
    const problem = (env: Record<string, string>) => {
      try {
        loadConnectionConfig({ env, cwd: dir });
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        expect((error as CliError).exitCode).toBe(2);
        return (error as CliError).message;
      }
      throw new Error("expected an error");
    };
    expect(problem({ TWENTY_API_KEY: "secret-key-42" })).toContain("TWENTY_API_URL is not set");
    expect(problem({ TWENTY_API_URL: "http://127.0.0.1:1" })).toContain("TWENTY_API_KEY is not set");
    expect(problem({ TWENTY_API_URL: "http://example.com", TWENTY_API_KEY: "secret-key-42" })).toMatch(/https/);
    expect(
      problem({ TWENTY_API_URL: "http://127.0.0.1:1", TWENTY_API_KEY: "secret-key-42", TWENTY_BATCH_SIZE: "many" }),
    ).toContain("TWENTY_BATCH_SIZE");
    expect(problem({ TWENTY_API_URL: "http://example.com", TWENTY_API_KEY: "secret-key-42" })).not.toContain(
      "secret-key-42",
    );
  });
});
