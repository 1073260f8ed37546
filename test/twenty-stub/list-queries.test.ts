import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { client, q } from "./http";

let stub: RunningStub;
let api: ReturnType<typeof client>;

const PROJECTS = [
  { name: "Alpha", code: "A-1", status: "PLANNED", tags: ["INTERNAL"], score: 10, isBillable: true, startDate: "2024-01-10", keywords: ["excel"] },
  { name: "Beta", code: "B-2", status: "IN_PROGRESS", tags: ["CLIENT_FACING", "MARKETING"], score: 20, isBillable: false, startDate: "2024-03-01", keywords: [] },
  { name: "Gamma", code: "C-3", status: "COMPLETED", tags: [], score: null, isBillable: true, startDate: null, keywords: ["api", "gdpr"] },
  { name: "Delta, Inc.", code: "D-4", status: "IN_PROGRESS", tags: ["R_AND_D"], score: 40, isBillable: false, startDate: "2024-06-15", keywords: ["excel", "api"] },
  { name: "alpha two", code: "E-5", status: null, tags: null, score: 5, isBillable: null, startDate: "2023-12-31", keywords: null },
];

beforeAll(async () => {
  stub = await startTwentyStub({ apiKey: "k", rateLimit: null, size: { people: 1234 } });
  api = client(stub);
  for (const p of PROJECTS) stub.store.insert("projects", p);
});
afterAll(() => stub.close());

const names = (answer: { body: { data: { projects: { name: string }[] } } }) => answer.body.data.projects.map((p) => p.name);

describe("list envelope, limit and paging", () => {
  it("answers {data:{<plural>}, totalCount, pageInfo} with the default limit of 60", async () => {
    const answer = await api.get("/rest/people");
    expect(answer.status).toBe(200);
    expect(answer.body.data.people).toHaveLength(60);
    expect(answer.body.totalCount).toBe(1234);
    expect(answer.body.pageInfo).toMatchObject({ hasNextPage: true });
    expect(typeof answer.body.pageInfo.endCursor).toBe("string");
  });

  it("caps limit at QUERY_MAX_RECORDS silently and rejects a non-integer or negative limit", async () => {
    expect((await api.get("/rest/people?limit=5000")).body.data.people).toHaveLength(200);
    for (const bad of ["abc", "-1"]) {
      const answer = await api.get(`/rest/people?limit=${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body.messages).toEqual([`limit '${bad}' is invalid. Should be an integer`]);
    }
  });

  it("pages 1,234 records forward with starting_after, seeing each exactly once in id order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const answer = await api.get(`/rest/people?limit=200${cursor ? `&starting_after=${q(cursor)}` : ""}`);
      seen.push(...answer.body.data.people.map((p: { id: string }) => p.id));
      if (!answer.body.pageInfo.hasNextPage) break;
      cursor = answer.body.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
    expect(seen).toEqual([...seen].sort());
  });

  it("pages backward with ending_before from a page's startCursor", async () => {
    const first = await api.get("/rest/people?limit=50");
    const second = await api.get(`/rest/people?limit=50&starting_after=${q(first.body.pageInfo.endCursor)}`);
    const back = await api.get(`/rest/people?limit=50&ending_before=${q(second.body.pageInfo.startCursor)}`);
    expect(back.body.data.people).toEqual(first.body.data.people);
    expect(back.body.pageInfo.hasPreviousPage).toBe(false);
  });

  it("keeps paging consistent when a record is inserted behind the cursor", async () => {
    const first = await api.get("/rest/people?limit=10&order_by=createdAt");
    stub.store.insert("people", { id: "00000000-0000-4000-8000-000000000000", name: { firstName: "Early", lastName: "Bird" } });
    const second = await api.get(`/rest/people?limit=10&order_by=createdAt&starting_after=${q(first.body.pageInfo.endCursor)}`);
    const firstIds = new Set(first.body.data.people.map((p: { id: string }) => p.id));
    expect(second.body.data.people.some((p: { id: string }) => firstIds.has(p.id))).toBe(false);
    stub.store.hardDelete("people", "00000000-0000-4000-8000-000000000000");
  });

  it("answers 400 Invalid cursor for a cursor it did not issue", async () => {
    const answer = await api.get(`/rest/people?starting_after=${q("not-a-cursor")}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("BadRequestException");
    expect(answer.body.messages[0]).toContain("Invalid cursor");
  });
});

describe("order_by", () => {
  it("sorts by a field in each of the four directions, nulls placed as asked", async () => {
    const score = async (direction: string) => (await api.get(`/rest/projects?order_by=score[${direction}]`)).body.data.projects.map((p: { score: number | null }) => p.score);
    expect(await score("AscNullsFirst")).toEqual([null, 5, 10, 20, 40]);
    expect(await score("AscNullsLast")).toEqual([5, 10, 20, 40, null]);
    expect(await score("DescNullsFirst")).toEqual([null, 40, 20, 10, 5]);
    expect(await score("DescNullsLast")).toEqual([40, 20, 10, 5, null]);
  });

  it("orders by a composite sub-field but refuses a whole composite and a bad direction", async () => {
    const ordered = await api.get("/rest/people?limit=3&order_by=name.firstName[DescNullsLast]");
    expect(ordered.status).toBe(200);
    const composite = await api.get("/rest/people?order_by=name[AscNullsLast]");
    expect(composite.status).toBe(400);
    const direction = await api.get("/rest/projects?order_by=score[Upwards]");
    expect(direction.status).toBe(400);
    expect(direction.body.messages[0]).toMatch(/^'order_by' direction 'Upwards' invalid/);
  });

  it("pages through a non-unique sort key using id as the tie-breaker", async () => {
    const all = (await api.get("/rest/projects?order_by=isBillable&limit=200")).body.data.projects.map((p: { id: string }) => p.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const answer = await api.get(`/rest/projects?order_by=isBillable&limit=2${cursor ? `&starting_after=${q(cursor)}` : ""}`);
      paged.push(...answer.body.data.projects.map((p: { id: string }) => p.id));
      if (!answer.body.pageInfo.hasNextPage) break;
      cursor = answer.body.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
  });
});

describe("filter grammar", () => {
  const cases: [string, string[]][] = [
    ['name[eq]:"Alpha"', ["Alpha"]],
    ["name[neq]:'Alpha'", ["Beta", "Gamma", "Delta, Inc.", "alpha two"]],
    ['status[in]:["PLANNED","COMPLETED"]', ["Alpha", "Gamma"]],
    ['tags[containsAny]:["MARKETING","R_AND_D"]', ["Beta", "Delta, Inc."]],
    ['keywords[containsAny]:["api"]', ["Gamma", "Delta, Inc."]],
    ["score[is]:NULL", ["Gamma"]],
    ["startDate[is]:NOT_NULL", ["Alpha", "Beta", "Delta, Inc.", "alpha two"]],
    ["score[gt]:10", ["Beta", "Delta, Inc."]],
    ["score[gte]:10", ["Alpha", "Beta", "Delta, Inc."]],
    ["score[lt]:10", ["alpha two"]],
    ["score[lte]:10", ["Alpha", "alpha two"]],
    ['startDate[gte]:"2024-03-01"', ["Beta", "Delta, Inc."]],
    ['name[startsWith]:"Al"', ["Alpha"]],
    ['name[endsWith]:"Inc."', ["Delta, Inc."]],
    ['name[like]:"%lph%"', ["Alpha", "alpha two"]],
    ['name[ilike]:"ALPHA%"', ["Alpha", "alpha two"]],
    ["isBillable[eq]:true", ["Alpha", "Gamma"]],
    ['name[eq]:"Delta, Inc."', ["Delta, Inc."]],
    ["score[gte]:10,isBillable[eq]:false", ["Beta", "Delta, Inc."]],
    ['or(name[eq]:"Alpha",and(score[gt]:15,not(status[eq]:"IN_PROGRESS")))', ["Alpha"]],
    ['or(name[eq]:"Gamma",not(score[is]:NULL))', ["Alpha", "Beta", "Gamma", "Delta, Inc.", "alpha two"]],
    ['website.primaryLinkUrl[eq]:""', ["Alpha", "Beta", "Gamma", "Delta, Inc.", "alpha two"]],
  ];
  it.each(cases)("%s", async (filter, expected) => {
    const answer = await api.get(`/rest/projects?order_by=code&filter=${q(filter)}`);
    expect(answer.status).toBe(200);
    expect(names(answer)).toEqual(expected);
    expect(answer.body.totalCount).toBe(expected.length);
  });

  it("filters on a composite sub-field with the dotted form", async () => {
    const person = stub.store.insert("people", { emails: { primaryEmail: "needle@haystack.io" } });
    const answer = await api.get(`/rest/people?filter=${q('emails.primaryEmail[eq]:"needle@haystack.io"')}`);
    expect(answer.body.data.people.map((p: { id: string }) => p.id)).toEqual([person.id]);
    stub.store.hardDelete("people", person.id);
  });

  it("counts every match in totalCount, not just the page", async () => {
    const answer = await api.get(`/rest/projects?limit=1&filter=${q("score[is]:NOT_NULL")}`);
    expect(answer.body.data.projects).toHaveLength(1);
    expect(answer.body.totalCount).toBe(4);
  });

  const errors: [string, RegExp][] = [
    ["name[eq]", /^'filter' invalid for 'name\[eq\]'\. eg: price\[gte\]:10$/],
    ["name[resembles]:x", /comparator resembles not in eq,neq,in/],
    ['not(name[eq]:"a",name[eq]:"b")', /'not' conjunction should contain only 1 condition/],
    ['status[in]:"PLANNED"', /expects a list of values/],
    ["colour[eq]:red", /field 'colour' does not exist in 'project' object/],
    ['budget[eq]:"1"', /composite field 'budget' needs one of its sub-fields/],
    ["score[gt]:lots", /"lots" is not a number/],
  ];
  it.each(errors)("refuses %s with 400", async (filter, message) => {
    const answer = await api.get(`/rest/projects?filter=${q(filter)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.messages[0]).toMatch(message);
  });
});

describe("depth and fields", () => {
  it("defaults to depth 0, embeds relations at depth 1 and refuses depth 2", async () => {
    const company = stub.store.insert("companies", { name: "Parent" });
    const project = stub.store.insert("projects", { name: "Child", companyId: company.id });
    const flat = (await api.get(`/rest/projects/${project.id}`)).body.data.project;
    expect(flat.companyId).toBe(company.id);
    expect(flat).not.toHaveProperty("company");
    const deep = (await api.get(`/rest/projects/${project.id}?depth=1`)).body.data.project;
    expect(deep.company).toMatchObject({ id: company.id, name: "Parent" });
    const two = await api.get("/rest/projects?depth=2");
    expect(two.status).toBe(400);
    expect(two.body.messages).toEqual(["'depth=2' parameter invalid. Allowed values are 0, 1"]);
  });

  it("projects the requested fields, always with id, and refuses unknown ones", async () => {
    const answer = await api.get("/rest/projects?limit=1&fields=name,budget");
    expect(Object.keys(answer.body.data.projects[0]).sort()).toEqual(["budget", "id", "name"]);
    const unknown = await api.get("/rest/projects?fields=name,colour");
    expect(unknown.status).toBe(400);
  });
});
