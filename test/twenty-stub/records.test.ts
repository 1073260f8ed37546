import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { client, q } from "./http";

let stub: RunningStub;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  stub = await startTwentyStub({ apiKey: "test-key", rateLimit: null });
  api = client(stub);
});
afterAll(() => stub.close());

async function createCompany(body: Record<string, unknown>) {
  const answer = await api.post("/rest/companies", body);
  expect(answer.status).toBe(201);
  return answer.body.data.createCompany;
}

describe("create and read one record", () => {
  it("creates with 201, fills server fields, and reads it back under data.<singular>", async () => {
    const created = await createCompany({ name: "Acme", domainName: { primaryLinkUrl: "https://ACME.com/" }, employees: 42 });
    expect(created).toMatchObject({
      name: "Acme",
      employees: 42,
      idealCustomerProfile: false,
      deletedAt: null,
      domainName: { primaryLinkUrl: "https://acme.com", primaryLinkLabel: "", secondaryLinks: null },
      createdBy: { source: "API", workspaceMemberId: null },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBe(created.updatedAt);

    const read = await api.get(`/rest/companies/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.company).toEqual(created);
  });

  it("accepts a client id and refuses to create it twice", async () => {
    const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    await createCompany({ id, name: "First" });
    const again = await api.post("/rest/companies", { id, name: "Second" });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ statusCode: 400, error: "BadRequestException", messages: ["Record already exists"] });
    expect(stub.store.get("companies", id)?.name).toBe("First");
  });

  it("answers 400 for a malformed UUID and 404 NotFoundException for a missing record", async () => {
    const malformed = await api.get("/rest/companies/malformed-uuid");
    expect(malformed.status).toBe(400);
    expect(malformed.body.messages).toEqual(["'malformed-uuid' is not a valid UUID"]);

    const missing = await api.get("/rest/companies/20202020-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, error: "NotFoundException", messages: ["Record not found"] });
  });

  it("points at the plural when the singular is used, and rejects unknown objects", async () => {
    const singular = await api.get("/rest/company");
    expect(singular.status).toBe(400);
    expect(singular.body.messages).toEqual(["object 'company' not found. Did you mean 'companies'?"]);
    const unknown = await api.get("/rest/spaceships");
    expect(unknown.status).toBe(400);
    expect(unknown.body.messages[0]).toContain("object 'spaceships' not found");
  });

  it("lower-cases emails and links a person to a company through companyId", async () => {
    const company = await createCompany({ name: "Linked" });
    const person = await api.post("/rest/people", { name: { firstName: "Ada", lastName: "Lovelace" }, emails: { primaryEmail: "Ada@Example.COM" }, companyId: company.id });
    expect(person.status).toBe(201);
    expect(person.body.data.createPerson).toMatchObject({ emails: { primaryEmail: "ada@example.com", additionalEmails: null }, companyId: company.id });

    const withCompany = await api.get(`/rest/people/${person.body.data.createPerson.id}?depth=1`);
    expect(withCompany.body.data.person.company).toMatchObject({ id: company.id, name: "Linked" });
    const companyWithPeople = await api.get(`/rest/companies/${company.id}?depth=1`);
    expect(companyWithPeople.body.data.company.people.map((p: { id: string }) => p.id)).toEqual([person.body.data.createPerson.id]);
  });
});

describe("note and task targets", () => {
  it("links a note to a person through a morph join column and shows it from both sides at depth 1", async () => {
    const person = stub.store.insert("people", { name: { firstName: "Target", lastName: "Person" } });
    const note = (await api.post("/rest/notes", { title: "Met at the fair", bodyV2: { markdown: "Wants a demo" } })).body.data.createNote;
    expect(note.bodyV2.markdown).toBe("Wants a demo");
    expect(JSON.parse(note.bodyV2.blocknote)[0].content[0].text).toBe("Wants a demo");
    const target = await api.post("/rest/noteTargets", { noteId: note.id, targetPersonId: person.id });
    expect(target.status).toBe(201);
    expect(target.body.data.createNoteTarget).toMatchObject({ noteId: note.id, targetPersonId: person.id, targetCompanyId: null });

    const fromPerson = (await api.get(`/rest/people/${person.id}?depth=1`)).body.data.person;
    expect(fromPerson.noteTargets.map((t: { noteId: string }) => t.noteId)).toEqual([note.id]);
    const fromNote = (await api.get(`/rest/notes/${note.id}?depth=1`)).body.data.note;
    expect(fromNote.noteTargets.map((t: { targetPersonId: string }) => t.targetPersonId)).toEqual([person.id]);
  });
});

describe("validation errors come back as 400 BadRequestException and write nothing", () => {
  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    ["a bad email", "people", { emails: { primaryEmail: "not-an-email" } }, /Invalid email "not-an-email"/],
    ["an unknown select option", "opportunities", { stage: "WON" }, /invalid input value for enum opportunity_stage_enum: "WON"/],
    ["text in a NUMBER field", "companies", { employees: "many" }, /invalid input syntax for type double precision: "many"/],
    ["a non-boolean in a BOOLEAN field", "companies", { idealCustomerProfile: "yes" }, /invalid input syntax for type boolean: "yes"/],
    ["a bad date", "tasks", { dueAt: "next tuesday" }, /invalid input syntax for type timestamp with time zone: "next tuesday"/],
    ["a bad DATE", "projects", { startDate: "2024-02-30" }, /invalid input syntax for type date: "2024-02-30"/],
    ["an unknown field", "companies", { colour: "blue" }, /Object company doesn't have any "colour" field\./],
    ["an unknown composite sub-field", "people", { name: { middleName: "X" } }, /Sub-field "middleName" does not exist on composite field "name"/],
    ["a malformed relation id", "people", { companyId: "nope" }, /'nope' is not a valid UUID/],
    ["a malformed record id", "companies", { id: "row-7" }, /'row-7' is not a valid UUID/],
    ["a relation id pointing nowhere", "people", { companyId: "20202020-0000-4000-8000-000000000001" }, /foreign key/],
    ["a rating outside RATING_1..5", "projects", { priority: "RATING_9" }, /invalid input value for enum project_priority_enum: "RATING_9"/],
  ];
  it.each(cases)("refuses %s", async (_label, plural, body, message) => {
    const before = stub.store.count(plural);
    const answer = await api.post(`/rest/${plural}`, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("BadRequestException");
    expect(answer.body.messages[0]).toMatch(message);
    expect(stub.store.count(plural)).toBe(before);
  });

  it("refuses a second person with the same primary email as a duplicate entry", async () => {
    await api.post("/rest/people", { emails: { primaryEmail: "dup@example.com" } });
    const answer = await api.post("/rest/people", { emails: { primaryEmail: "DUP@example.com" } });
    expect(answer.status).toBe(400);
    expect(answer.body.messages[0]).toMatch(/A duplicate entry was detected/);
  });

  it("refuses a body that is not JSON", async () => {
    const response = await fetch(`${stub.url}/rest/companies`, { method: "POST", headers: { Authorization: "Bearer test-key", "Content-Type": "application/json" }, body: "{nope" });
    expect(response.status).toBe(400);
    expect((await response.json()).messages[0]).toMatch(/Invalid JSON body/);
  });
});

describe("batch create", () => {
  it("creates in request order under data.create<Plural> with 201", async () => {
    const answer = await api.post("/rest/batch/people", [{ name: { firstName: "One", lastName: "" } }, { name: { firstName: "Two", lastName: "" } }, { name: { firstName: "Three", lastName: "" } }]);
    expect(answer.status).toBe(201);
    expect(answer.body.data.createPeople.map((p: { name: { firstName: string } }) => p.name.firstName)).toEqual(["One", "Two", "Three"]);
  });

  it("is all-or-nothing: one bad row fails the batch and writes nothing", async () => {
    const before = stub.store.count("companies");
    const answer = await api.post("/rest/batch/companies", [{ name: "Good 1" }, { name: "Good 2" }, { name: "Bad", employees: "lots" }]);
    expect(answer.status).toBe(400);
    expect(stub.store.count("companies")).toBe(before);
    expect(stub.store.list("companies").some((c) => c.name === "Good 1")).toBe(false);
  });

  it("refuses more than QUERY_MAX_RECORDS rows with Twenty's message", async () => {
    const rows = Array.from({ length: 201 }, (_, i) => ({ name: `Row ${i}` }));
    const answer = await api.post("/rest/batch/companies", rows);
    expect(answer.status).toBe(400);
    expect(answer.body.messages).toEqual(["Maximum number of records to upsert is 200."]);
  });

  it("refuses a body that is not an array", async () => {
    const answer = await api.post("/rest/batch/companies", { name: "x" });
    expect(answer.status).toBe(400);
  });
});

describe("update", () => {
  it("writes only the keys and composite sub-fields sent, bumps updatedAt and keeps createdBy", async () => {
    const person = (await api.post("/rest/people", { name: { firstName: "Grace", lastName: "Hopper" }, emails: { primaryEmail: "grace@navy.mil", additionalEmails: ["g@h.com"] }, jobTitle: "Admiral" })).body.data.createPerson;
    const answer = await api.patch(`/rest/people/${person.id}`, { emails: { primaryEmail: "grace@yale.edu" }, city: "New York" });
    expect(answer.status).toBe(200);
    const updated = answer.body.data.updatePerson;
    expect(updated.emails).toEqual({ primaryEmail: "grace@yale.edu", additionalEmails: ["g@h.com"] });
    expect(updated.name).toEqual({ firstName: "Grace", lastName: "Hopper" });
    expect(updated.jobTitle).toBe("Admiral");
    expect(updated.city).toBe("New York");
    expect(updated.createdBy).toEqual(person.createdBy);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(person.updatedAt));
  });

  it("turns an empty string in a TEXT field into null and accepts PUT as an alias", async () => {
    const company = await createCompany({ name: "Blank me" });
    const answer = await api.put(`/rest/companies/${company.id}`, { name: "" });
    expect(answer.status).toBe(200);
    expect(answer.body.data.updateCompany.name).toBeNull();
  });

  it("bumps updatedAt strictly on back-to-back writes", async () => {
    const company = await createCompany({ name: "Clock" });
    const stamps = [company.updatedAt];
    for (let i = 0; i < 5; i++) stamps.push((await api.patch(`/rest/companies/${company.id}`, { employees: i })).body.data.updateCompany.updatedAt);
    for (let i = 1; i < stamps.length; i++) expect(Date.parse(stamps[i])).toBeGreaterThan(Date.parse(stamps[i - 1]));
  });

  it("answers 404 for a missing record", async () => {
    const answer = await api.patch("/rest/companies/20202020-0000-4000-8000-000000000002", { name: "x" });
    expect(answer.status).toBe(404);
  });

  it("updates every row matching a filter and requires the filter", async () => {
    const a = await createCompany({ name: "Bulk target", employees: 1 });
    const b = await createCompany({ name: "Bulk target", employees: 2 });
    const answer = await api.patch(`/rest/companies?filter=${q('name[eq]:"Bulk target"')}`, { idealCustomerProfile: true });
    expect(answer.status).toBe(200);
    expect(answer.body.data.updateCompanies.map((c: { id: string }) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(stub.store.get("companies", a.id)?.idealCustomerProfile).toBe(true);

    const noFilter = await api.patch("/rest/companies", { idealCustomerProfile: true });
    expect(noFilter.status).toBe(400);
    expect(noFilter.body.messages).toEqual(["Filter is required"]);
  });
});

describe("delete and restore", () => {
  it("destroys by default and answers data.delete<Singular> with the id", async () => {
    const company = await createCompany({ name: "Gone" });
    const person = (await api.post("/rest/people", { companyId: company.id })).body.data.createPerson;
    const answer = await api.delete(`/rest/companies/${company.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { deleteCompany: { id: company.id } } });
    expect(stub.store.get("companies", company.id, { includeDeleted: true })).toBeUndefined();
    expect(stub.store.get("people", person.id)?.companyId).toBeNull();
  });

  it("soft-deletes with soft_delete=true, hides the row from lists, shows it when the filter names deletedAt, and restores it", async () => {
    const company = await createCompany({ name: "Trashed soon" });
    const deleted = await api.delete(`/rest/companies/${company.id}?soft_delete=true`);
    expect(deleted.status).toBe(200);
    expect(stub.store.get("companies", company.id, { includeDeleted: true })?.deletedAt).not.toBeNull();

    const visible = await api.get(`/rest/companies?filter=${q(`id[eq]:"${company.id}"`)}`);
    expect(visible.body.data.companies).toEqual([]);
    const trashed = await api.get(`/rest/companies?filter=${q("deletedAt[is]:NOT_NULL")}`);
    expect(trashed.body.data.companies.map((c: { id: string }) => c.id)).toContain(company.id);
    expect((await api.get(`/rest/companies/${company.id}`)).status).toBe(404);

    const restored = await api.patch(`/rest/companies/${company.id}/restore`, undefined);
    expect(restored.status).toBe(200);
    expect(restored.body.data.restoreCompany).toMatchObject({ id: company.id, deletedAt: null });
    expect((await api.get(`/rest/companies/${company.id}`)).status).toBe(200);
  });

  it("bulk deletes and restores by filter, and refuses a bulk delete without a filter", async () => {
    const rows = (await api.post("/rest/batch/tasks", [{ title: "sweep" }, { title: "sweep" }, { title: "keep" }])).body.data.createTasks;
    const soft = await api.delete(`/rest/tasks?soft_delete=true&filter=${q('title[eq]:"sweep"')}`);
    expect(soft.body.data.deleteTasks).toHaveLength(2);
    expect(stub.store.get("tasks", rows[2].id)).toBeDefined();

    const restored = await api.patch(`/rest/tasks/restore?filter=${q('and(title[eq]:"sweep",deletedAt[is]:NOT_NULL)')}`, undefined);
    expect(restored.body.data.restoreTasks).toHaveLength(2);
    expect(stub.store.count("tasks")).toBe(3);

    const destroyed = await api.delete(`/rest/tasks?filter=${q('title[eq]:"sweep"')}`);
    expect(destroyed.body.data.deleteTasks).toHaveLength(2);
    expect(stub.store.count("tasks", { includeDeleted: true })).toBe(1);

    const noFilter = await api.delete("/rest/tasks");
    expect(noFilter.status).toBe(400);
    expect(noFilter.body.messages[0]).toMatch(/Filters are mandatory for bulk destroy operations/);
  });
});
