/**
 * Deterministic workspaces: `sample` is a realistic few-hundred-record CRM with every field type filled;
 * `sizes` adds N generated records per object for benchmarks. Same seed, same workspace.
 */
import { createPrng, prngUuid } from "./prng";
import type { RecordBody } from "./record-input";
import type { StubStore } from "./store";
import { OPPORTUNITY_STAGES, PROJECT_STATUSES, PROJECT_TAGS, RATING_VALUES, TASK_STATUSES } from "./workspace-schema";

export type SeedObject = "companies" | "people" | "opportunities" | "notes" | "tasks" | "projects" | "noteTargets" | "taskTargets";
export type SeedSizes = Partial<Record<SeedObject, number>>;

export const SAMPLE_SIZES: Required<SeedSizes> = { companies: 300, people: 400, opportunities: 150, notes: 80, tasks: 100, projects: 60, noteTargets: 120, taskTargets: 140 };
export const SEED_OBJECTS: readonly SeedObject[] = ["companies", "people", "opportunities", "notes", "tasks", "projects", "noteTargets", "taskTargets"];

const COMPANY_STEMS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Tyrell", "Wonka", "Aperture", "Oscorp", "Pied Piper", "Dunder Mifflin", "Nakatomi", "Gringotts", "Monarch", "Blue Sun", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adatum", "Lucerne", "Margie", "Wingtip"];
const COMPANY_SUFFIXES = ["Labs", "Systems", "Holdings", "Analytics", "Logistics", "Foods", "Energy", "Health", "Robotics", "Capital", "Studios", "Networks"];
const FIRST_NAMES = ["Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Grace", "Hugo", "Inès", "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olivia", "Pablo", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Valérie", "Wen", "Yusuf", "Zoé"];
const LAST_NAMES = ["Martin", "Bernard", "Dubois", "Smith", "Johnson", "Müller", "Schmidt", "Rossi", "García", "Nguyen", "Kim", "Tanaka", "O'Brien", "Kowalski", "Silva", "Novak", "Jensen", "Haddad", "Okafor", "Patel"];
const JOB_TITLES = ["CEO", "CTO", "Head of Sales", "Account Executive", "Procurement Manager", "Operations Lead", "Marketing Director", "Software Engineer", "CFO", "Customer Success Manager"];
const CITIES = [
  { city: "Paris", country: "France", code: "FR", calling: "+33", currency: "EUR", street: "rue de Rivoli", postcode: "75001" },
  { city: "Berlin", country: "Germany", code: "DE", calling: "+49", currency: "EUR", street: "Friedrichstraße", postcode: "10117" },
  { city: "London", country: "United Kingdom", code: "GB", calling: "+44", currency: "GBP", street: "Baker Street", postcode: "NW1 6XE" },
  { city: "New York", country: "United States", code: "US", calling: "+1", currency: "USD", street: "Broadway", postcode: "10012" },
  { city: "San Francisco", country: "United States", code: "US", calling: "+1", currency: "USD", street: "Market Street", postcode: "94103" },
  { city: "Madrid", country: "Spain", code: "ES", calling: "+34", currency: "EUR", street: "Calle Mayor", postcode: "28013" },
  { city: "Tokyo", country: "Japan", code: "JP", calling: "+81", currency: "JPY", street: "Chuo-dori", postcode: "104-0061" },
  { city: "Toronto", country: "Canada", code: "CA", calling: "+1", currency: "CAD", street: "King Street West", postcode: "M5H 1J9" },
];
const NOTE_TOPICS = ["Discovery call", "Pricing discussion", "Security questionnaire", "Renewal planning", "Onboarding kickoff", "Quarterly review", "Integration requirements"];
const TASK_TOPICS = ["Send proposal", "Follow up on contract", "Prepare demo", "Book on-site visit", "Update forecast", "Check invoice", "Review SOW"];
const KEYWORDS = ["excel", "migration", "pilot", "priority", "renewal", "upsell", "api", "gdpr"];

interface Generator {
  random: () => number;
  pick<T>(items: readonly T[]): T;
  int(min: number, max: number): number;
  date(fromMs: number, spanDays: number): string;
}

function generator(seed: number): Generator {
  const random = createPrng(seed);
  return {
    random,
    pick: (items) => items[Math.floor(random() * items.length)],
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    date: (fromMs, spanDays) => new Date(fromMs + Math.floor(random() * spanDays * 86_400_000)).toISOString(),
  };
}

const slug = (text: string) => text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "");
const EPOCH = Date.parse("2025-01-06T08:00:00.000Z");

interface SeedState {
  g: Generator;
  ids: Record<SeedObject, string[]>;
  companyDomains: string[];
  counters: Record<SeedObject, number>;
}

function companyBody(s: SeedState, n: number): RecordBody {
  const { g } = s;
  const name = `${g.pick(COMPANY_STEMS)} ${g.pick(COMPANY_SUFFIXES)}`;
  const domain = `${slug(name)}${n}.com`;
  const place = g.pick(CITIES);
  s.companyDomains.push(domain);
  return {
    name,
    domainName: { primaryLinkUrl: `https://${domain}`, primaryLinkLabel: "", secondaryLinks: null },
    employees: g.int(2, 20000),
    linkedinLink: { primaryLinkUrl: `https://www.linkedin.com/company/${slug(name)}${n}`, primaryLinkLabel: "", secondaryLinks: null },
    xLink: { primaryLinkUrl: g.random() < 0.5 ? `https://x.com/${slug(name)}${n}` : "", primaryLinkLabel: "", secondaryLinks: null },
    annualRecurringRevenue: { amountMicros: g.int(10, 5000) * 1_000_000_000, currencyCode: place.currency },
    address: {
      addressStreet1: `${g.int(1, 220)} ${place.street}`,
      addressStreet2: "",
      addressCity: place.city,
      addressPostcode: place.postcode,
      addressState: "",
      addressCountry: place.country,
      addressLat: null,
      addressLng: null,
    },
    idealCustomerProfile: g.random() < 0.3,
  };
}

function personBody(s: SeedState, n: number): RecordBody {
  const { g } = s;
  const firstName = g.pick(FIRST_NAMES);
  const lastName = g.pick(LAST_NAMES);
  const companyIndex = s.ids.companies.length > 0 && g.random() < 0.9 ? g.int(0, s.ids.companies.length - 1) : -1;
  const domain = companyIndex >= 0 ? s.companyDomains[companyIndex] : g.pick(["gmail.com", "outlook.com", "proton.me"]);
  const place = g.pick(CITIES);
  return {
    name: { firstName, lastName },
    emails: { primaryEmail: `${slug(firstName)}.${slug(lastName)}${n}@${domain}`, additionalEmails: g.random() < 0.2 ? [`${slug(firstName)}${n}@personal.example`] : null },
    linkedinLink: { primaryLinkUrl: `https://www.linkedin.com/in/${slug(firstName)}-${slug(lastName)}-${n}`, primaryLinkLabel: "", secondaryLinks: null },
    xLink: { primaryLinkUrl: g.random() < 0.3 ? `https://x.com/${slug(firstName)}${n}` : "", primaryLinkLabel: "", secondaryLinks: null },
    jobTitle: g.pick(JOB_TITLES),
    phones: { primaryPhoneNumber: String(g.int(100000000, 999999999)), primaryPhoneCountryCode: place.code, primaryPhoneCallingCode: place.calling, additionalPhones: null },
    city: place.city,
    avatarUrl: g.random() < 0.4 ? `https://avatars.example.com/${slug(firstName)}-${slug(lastName)}-${n}.png` : null,
    companyId: companyIndex >= 0 ? s.ids.companies[companyIndex] : null,
  };
}

function opportunityBody(s: SeedState, n: number): RecordBody {
  const { g } = s;
  return {
    name: `${g.pick(["Pilot", "Expansion", "Renewal", "New logo", "Upsell"])} #${n + 1}`,
    amount: { amountMicros: g.int(5, 900) * 1_000_000_000, currencyCode: g.pick(["USD", "EUR", "GBP"]) },
    closeDate: g.date(EPOCH, 540),
    stage: g.pick(OPPORTUNITY_STAGES),
    companyId: s.ids.companies.length > 0 ? g.pick(s.ids.companies) : null,
    pointOfContactId: s.ids.people.length > 0 && g.random() < 0.8 ? g.pick(s.ids.people) : null,
  };
}

function noteBody(s: SeedState, n: number): RecordBody {
  const topic = s.g.pick(NOTE_TOPICS);
  return { title: `${topic} (${n + 1})`, bodyV2: { markdown: `${topic}: next steps agreed.\n\nOwner to circulate a summary.` } };
}

function taskBody(s: SeedState, n: number): RecordBody {
  const { g } = s;
  return { title: `${g.pick(TASK_TOPICS)} (${n + 1})`, bodyV2: { markdown: "Checklist in the shared drive." }, dueAt: g.date(EPOCH, 540), status: g.pick(TASK_STATUSES) };
}

function projectBody(s: SeedState, n: number): RecordBody {
  const { g } = s;
  const tags = PROJECT_TAGS.filter(() => g.random() < 0.35);
  return {
    name: `${g.pick(["Atlas", "Beacon", "Comet", "Delta", "Ember", "Falcon"])} ${g.pick(["rollout", "migration", "audit", "launch"])} ${n + 1}`,
    code: `PRJ-${String(n + 1).padStart(5, "0")}`,
    status: g.pick(PROJECT_STATUSES),
    tags,
    priority: g.pick(RATING_VALUES),
    startDate: g.date(EPOCH, 400).slice(0, 10),
    score: Math.round(g.random() * 10000) / 100,
    isBillable: g.random() < 0.6,
    settings: { sprintLengthDays: g.int(7, 21), remote: g.random() < 0.5 },
    keywords: KEYWORDS.filter(() => g.random() < 0.25),
    website: { primaryLinkUrl: `https://projects.example.com/${n + 1}`, primaryLinkLabel: "Wiki", secondaryLinks: null },
    budget: { amountMicros: g.int(1, 250) * 1_000_000_000, currencyCode: "EUR" },
    summary: "Scope, milestones and owners are tracked in the wiki.",
    attachments: g.random() < 0.3 ? [{ fileId: prngUuid(g.random), label: `brief-${n + 1}.pdf`, extension: "pdf" }] : [],
    companyId: s.ids.companies.length > 0 ? g.pick(s.ids.companies) : null,
  };
}

function targetBody(owner: "notes" | "tasks") {
  return (s: SeedState): RecordBody => {
    const { g } = s;
    const kinds = (["people", "companies", "opportunities"] as const).filter((k) => s.ids[k].length > 0);
    const kind = kinds.length > 0 ? g.pick(kinds) : null;
    const column = { people: "targetPersonId", companies: "targetCompanyId", opportunities: "targetOpportunityId" } as const;
    return {
      [owner === "notes" ? "noteId" : "taskId"]: s.ids[owner].length > 0 ? g.pick(s.ids[owner]) : null,
      ...(kind ? { [column[kind]]: g.pick(s.ids[kind]) } : {}),
    };
  };
}

const BODIES: Record<SeedObject, (s: SeedState, n: number) => RecordBody> = {
  companies: companyBody,
  people: personBody,
  opportunities: opportunityBody,
  notes: noteBody,
  tasks: taskBody,
  projects: projectBody,
  noteTargets: targetBody("notes"),
  taskTargets: targetBody("tasks"),
};

export interface SeedRequest {
  sample: boolean;
  sizes: SeedSizes;
  seed?: number;
}

/** Fills the store; creation dates spread over the past, all `updatedAt` values before the first API write. */
export function seedWorkspace(store: StubStore, request: SeedRequest): void {
  const s: SeedState = {
    g: generator(request.seed ?? 42),
    ids: Object.fromEntries(SEED_OBJECTS.map((o) => [o, [] as string[]])) as Record<SeedObject, string[]>,
    companyDomains: [],
    counters: Object.fromEntries(SEED_OBJECTS.map((o) => [o, 0])) as Record<SeedObject, number>,
  };
  const seededAt = Date.now() - 60_000;
  for (const plural of SEED_OBJECTS) {
    const total = (request.sample ? SAMPLE_SIZES[plural] : 0) + (request.sizes[plural] ?? 0);
    for (let i = 0; i < total; i++) {
      const n = s.counters[plural]++;
      const id = prngUuid(s.g.random);
      const createdAt = s.g.date(EPOCH, 300);
      const updatedAt = new Date(Math.min(seededAt, Date.parse(createdAt) + Math.floor(s.g.random() * 30 * 86_400_000))).toISOString();
      const createdBy = s.g.random() < 0.5 ? { source: "IMPORT", name: "CSV import" } : { source: "MANUAL", name: `${s.g.pick(FIRST_NAMES)} ${s.g.pick(LAST_NAMES)}` };
      store.insert(plural, { id, ...BODIES[plural](s, n), createdBy }, { timestamps: { createdAt, updatedAt } });
      s.ids[plural].push(id);
    }
  }
}
