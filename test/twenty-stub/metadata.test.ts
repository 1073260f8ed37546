import { objectMetadataSchema } from "../../src/sync/metadata";
import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { client } from "./http";

let legacy: RunningStub;
let bare: RunningStub;

beforeAll(async () => {
  legacy = await startTwentyStub({ apiKey: "k" });
  bare = await startTwentyStub({ apiKey: "k", metadataFormat: "new" });
});
afterAll(async () => {
  await legacy.close();
  await bare.close();
});

describe("metadata API", () => {
  it("lists objects in the legacy shape by default, each with inlined fields our engine's schema accepts", async () => {
    const answer = await client(legacy).get("/rest/metadata/objects");
    expect(answer.status).toBe(200);
    const objects = answer.body.data.objects;
    expect(objects.map((o: { namePlural: string }) => o.namePlural).sort()).toEqual(["companies", "noteTargets", "notes", "opportunities", "people", "projects", "taskTargets", "tasks"]);
    expect(objects.filter((o: { isSystem: boolean }) => o.isSystem).map((o: { namePlural: string }) => o.namePlural).sort()).toEqual(["noteTargets", "taskTargets"]);
    expect(answer.body.totalCount).toBe(8);
    for (const object of objects) expect(objectMetadataSchema.safeParse(object).success).toBe(true);
  });

  it("covers every field type Twenty defines that can hold data", async () => {
    const objects = (await client(legacy).get("/rest/metadata/objects")).body.data.objects;
    const types = new Set(objects.flatMap((o: { fields: { type: string }[] }) => o.fields.map((f) => f.type)));
    for (const type of ["UUID", "TEXT", "PHONES", "EMAILS", "DATE_TIME", "DATE", "BOOLEAN", "NUMBER", "NUMERIC", "LINKS", "CURRENCY", "FULL_NAME", "RATING", "SELECT", "MULTI_SELECT", "RELATION", "MORPH_RELATION", "POSITION", "ADDRESS", "RAW_JSON", "RICH_TEXT", "RICH_TEXT_V2", "ACTOR", "ARRAY", "TS_VECTOR", "FILES"]) {
      expect(types).toContain(type);
    }
  });

  it("describes select options, unique fields and both sides of a relation", async () => {
    const objects = (await client(legacy).get("/rest/metadata/objects")).body.data.objects;
    const field = (plural: string, name: string) => objects.find((o: { namePlural: string }) => o.namePlural === plural).fields.find((f: { name: string }) => f.name === name);
    expect(field("opportunities", "stage").options.map((o: { value: string }) => o.value)).toEqual(["NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"]);
    expect(field("opportunities", "stage").options[0]).toEqual({ id: expect.any(String), value: "NEW", label: "New", color: expect.any(String), position: 0 });
    expect(field("people", "emails").isUnique).toBe(true);
    expect(field("people", "company")).toMatchObject({ type: "RELATION", settings: { relationType: "MANY_TO_ONE", joinColumnName: "companyId" }, relation: { targetObjectMetadata: { namePlural: "companies" }, targetFieldMetadata: { name: "people" } } });
    expect(field("companies", "people")).toMatchObject({ type: "RELATION", settings: { relationType: "ONE_TO_MANY" } });
    const morph = ["targetPerson", "targetCompany", "targetOpportunity"].map((name) => field("noteTargets", name));
    expect(morph.map((f) => [f.type, f.settings.joinColumnName, f.relation.targetObjectMetadata.namePlural])).toEqual([
      ["MORPH_RELATION", "targetPersonId", "people"],
      ["MORPH_RELATION", "targetCompanyId", "companies"],
      ["MORPH_RELATION", "targetOpportunityId", "opportunities"],
    ]);
    expect(new Set(morph.map((f) => f.morphId)).size).toBe(1);
  });

  it("pages with id cursors and serves one object or field by id", async () => {
    const api = client(legacy);
    const first = await api.get("/rest/metadata/fields?limit=10");
    expect(first.body.data.fields).toHaveLength(10);
    expect(first.body.pageInfo.hasNextPage).toBe(true);
    const next = await api.get(`/rest/metadata/fields?limit=10&starting_after=${first.body.pageInfo.endCursor}`);
    expect(next.body.data.fields[0].id > first.body.pageInfo.endCursor).toBe(true);

    const objectId = (await api.get("/rest/metadata/objects?limit=1")).body.data.objects[0].id;
    const one = await api.get(`/rest/metadata/objects/${objectId}`);
    expect(one.body.data.object.id).toBe(objectId);
    expect((await api.get("/rest/metadata/objects/not-a-uuid")).status).toBe(400);
    expect((await api.get("/rest/metadata/objects/20202020-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await api.get("/rest/metadata/fields?starting_after=abc")).status).toBe(400);
  });

  it("answers the new bare shape when switched", async () => {
    const api = client(bare);
    const list = await api.get("/rest/metadata/objects");
    expect(Array.isArray(list.body.data)).toBe(true);
    expect(list.body.totalCount).toBe(8);
    const one = await api.get(`/rest/metadata/objects/${list.body.data[0].id}`);
    expect(one.body.namePlural).toBe(list.body.data[0].namePlural);
    expect(one.body).not.toHaveProperty("data");
  });
});
