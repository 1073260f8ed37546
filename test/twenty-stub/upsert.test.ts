import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { client } from "./http";

let stub: RunningStub;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  stub = await startTwentyStub({ apiKey: "k", rateLimit: null });
  api = client(stub);
});
afterAll(() => stub.close());

describe("upsert=true", () => {
  it("updates the person whose primary email matches (case-insensitively), keeping id and createdBy", async () => {
    const original = stub.store.insert("people", { emails: { primaryEmail: "match@example.com" }, jobTitle: "Engineer", createdBy: { source: "IMPORT" } });
    const answer = await api.post("/rest/people?upsert=true", { emails: { primaryEmail: "MATCH@example.com" }, city: "Lyon" });
    expect(answer.status).toBe(201);
    const person = answer.body.data.createPerson;
    expect(person).toMatchObject({ id: original.id, city: "Lyon", jobTitle: "Engineer", createdBy: { source: "IMPORT" } });
    expect(Date.parse(person.updatedAt)).toBeGreaterThan(Date.parse(original.updatedAt));
    expect(stub.store.count("people")).toBe(1);
  });

  it("matches companies on the normalised domain URL", async () => {
    const original = stub.store.insert("companies", { name: "Old name", domainName: { primaryLinkUrl: "https://domain-match.io" } });
    const answer = await api.post("/rest/companies?upsert=true", { name: "New name", domainName: { primaryLinkUrl: "https://Domain-Match.io/" } });
    expect(answer.body.data.createCompany).toMatchObject({ id: original.id, name: "New name" });
  });

  it("matches on id and on a custom unique field", async () => {
    const byId = stub.store.insert("projects", { name: "By id" });
    const byCode = stub.store.insert("projects", { name: "By code", code: "EXT-9" });
    const answer = await api.post("/rest/batch/projects?upsert=true", [
      { id: byId.id, score: 1 },
      { code: "EXT-9", score: 2 },
      { code: "EXT-10", name: "Inserted" },
    ]);
    expect(answer.status).toBe(201);
    const [first, second, third] = answer.body.data.createProjects;
    expect(first).toMatchObject({ id: byId.id, name: "By id", score: 1 });
    expect(second).toMatchObject({ id: byCode.id, name: "By code", score: 2 });
    expect(third.id).not.toBe(byId.id);
    expect(stub.store.get("projects", third.id)?.name).toBe("Inserted");
  });

  it("inserts with the supplied id when nothing matches", async () => {
    const id = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    const answer = await api.post("/rest/people?upsert=true", { id, emails: { primaryEmail: "fresh@example.com" } });
    expect(answer.body.data.createPerson.id).toBe(id);
  });

  it("restores a soft-deleted match", async () => {
    const trashed = stub.store.insert("people", { emails: { primaryEmail: "ghost@example.com" } });
    stub.store.softDelete("people", trashed.id);
    const answer = await api.post("/rest/people?upsert=true", { emails: { primaryEmail: "ghost@example.com" }, jobTitle: "Back" });
    expect(answer.body.data.createPerson).toMatchObject({ id: trashed.id, deletedAt: null, jobTitle: "Back" });
    expect(stub.store.get("people", trashed.id)?.deletedAt).toBeNull();
  });

  it("refuses a row that matches two different records on different keys", async () => {
    const a = stub.store.insert("people", { emails: { primaryEmail: "a@conflict.io" } });
    stub.store.insert("people", { emails: { primaryEmail: "b@conflict.io" } });
    const answer = await api.post("/rest/people?upsert=true", { id: a.id, emails: { primaryEmail: "b@conflict.io" } });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("UPSERT_MULTIPLE_MATCHING_RECORDS_CONFLICT");
    expect(answer.body.messages[0]).toMatch(/Cannot determine which record to update/);
    expect(stub.store.get("people", a.id)?.emails).toEqual({ primaryEmail: "a@conflict.io", additionalEmails: null });
  });

  it("without upsert=true an existing email is a duplicate entry, not an update", async () => {
    stub.store.insert("people", { emails: { primaryEmail: "strict@example.com" } });
    const answer = await api.post("/rest/people?upsert=false", { emails: { primaryEmail: "strict@example.com" } });
    expect(answer.status).toBe(400);
    expect(answer.body.messages[0]).toMatch(/A duplicate entry was detected/);
  });

  it("rolls back the updates of earlier rows when a later row of an upsert batch fails", async () => {
    const kept = stub.store.insert("projects", { name: "Untouched", code: "ROLL-1" });
    const answer = await api.post("/rest/batch/projects?upsert=true", [{ code: "ROLL-1", name: "Changed" }, { code: "ROLL-2", status: "NOT_A_STATUS" }]);
    expect(answer.status).toBe(400);
    expect(stub.store.get("projects", kept.id)).toEqual(kept);
    expect(stub.store.list("projects").some((p) => p.code === "ROLL-2")).toBe(false);
  });
});
