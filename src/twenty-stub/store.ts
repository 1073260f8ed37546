/**
 * The stand-in's in-memory database: one table per object, unique indexes, foreign keys with ON DELETE SET NULL,
 * strictly increasing `updatedAt`, and all-or-nothing transactions for batch writes.
 */
import { randomUUID } from "crypto";
import { uniqueKey } from "./field-values";
import { assertUuid, badRequest, recordNotFound, StubHttpError } from "./http-error";
import { createdRecord, updatedRecord, type RecordBody, type StoredRecord, type WriteContext } from "./record-input";
import { WORKSPACE_OBJECTS, type FieldDef, type ObjectDef } from "./workspace-schema";

interface Table {
  object: ObjectDef;
  rows: Map<string, StoredRecord>;
  /** field name → normalised unique value → ids holding it (soft-deleted rows included). */
  unique: Map<string, Map<string, Set<string>>>;
  /** Bumped on every change, so cached sort orders know when they are stale. */
  version: number;
  nextPosition: number;
}

interface UndoEntry {
  table: Table;
  id: string;
  before: StoredRecord | undefined;
}

export interface ListOptions {
  includeDeleted?: boolean;
}

export interface InsertOptions {
  /** Seeding only: keep these timestamps instead of stamping the write with the server clock. */
  timestamps?: { createdAt: string; updatedAt: string };
}

export class StubStore {
  private readonly tables = new Map<string, Table>();
  private lastTimestamp = 0;
  private clockOffsetMs = 0;
  private undoLog: UndoEntry[] | null = null;

  constructor(objects: readonly ObjectDef[] = WORKSPACE_OBJECTS) {
    for (const object of objects) {
      const unique = new Map(object.fields.filter((f) => f.unique).map((f) => [f.name, new Map<string, Set<string>>()]));
      this.tables.set(object.namePlural, { object, rows: new Map(), unique, version: 0, nextPosition: 1 });
    }
  }

  objectNames(): string[] {
    return [...this.tables.keys()];
  }

  objectDef(plural: string): ObjectDef {
    return this.table(plural).object;
  }

  /** Records in insertion order; soft-deleted ones only when asked. */
  list(plural: string, options: ListOptions = {}): StoredRecord[] {
    const rows = [...this.table(plural).rows.values()];
    return options.includeDeleted ? rows : rows.filter((r) => r.deletedAt === null);
  }

  get(plural: string, id: string, options: ListOptions = {}): StoredRecord | undefined {
    const row = this.table(plural).rows.get(id);
    return row && (options.includeDeleted || row.deletedAt === null) ? row : undefined;
  }

  count(plural: string, options: ListOptions = {}): number {
    const table = this.table(plural);
    if (options.includeDeleted) return table.rows.size;
    let n = 0;
    for (const row of table.rows.values()) if (row.deletedAt === null) n++;
    return n;
  }

  version(plural: string): number {
    return this.table(plural).version;
  }

  /** Ids of every record (soft-deleted included) whose unique field holds `key`. */
  idsWithUniqueValue(plural: string, fieldName: string, key: string): string[] {
    return [...(this.table(plural).unique.get(fieldName)?.get(key) ?? [])];
  }

  insert(plural: string, body: RecordBody, options: InsertOptions = {}): StoredRecord {
    const table = this.table(plural);
    const id = typeof body.id === "string" ? body.id : randomUUID();
    if (body.id !== undefined && typeof body.id !== "string") throw badRequest(`Invalid value ${JSON.stringify(body.id)} for field "id": expected a UUID`);
    assertUuid(id);
    if (table.rows.has(id)) throw badRequest("Record already exists");
    const context = this.writeContext(options.timestamps?.updatedAt);
    const row = createdRecord(table.object, body, id, table.nextPosition, context);
    if (options.timestamps) row.createdAt = options.timestamps.createdAt;
    table.nextPosition = Math.max(table.nextPosition, row.position) + 1;
    this.checkUnique(table, row);
    this.put(table, id, row);
    return row;
  }

  /** Partial update; `updatedAt` is bumped even when nothing changed (TypeORM updateDate). */
  update(plural: string, id: string, patch: RecordBody, options: ListOptions = {}): StoredRecord {
    const table = this.table(plural);
    const current = this.get(plural, id, options);
    if (!current) throw recordNotFound();
    const row = updatedRecord(table.object, current, patch, this.writeContext());
    this.checkUnique(table, row);
    this.put(table, id, row);
    return row;
  }

  softDelete(plural: string, id: string): StoredRecord {
    const table = this.table(plural);
    const current = this.get(plural, id);
    if (!current) throw recordNotFound();
    const now = this.nextTimestamp();
    const row = { ...current, deletedAt: now, updatedAt: now };
    this.put(table, id, row);
    return row;
  }

  /** Clears `deletedAt`; the unique index then applies to the row again. */
  restore(plural: string, id: string): StoredRecord {
    const table = this.table(plural);
    const current = this.get(plural, id, { includeDeleted: true });
    if (!current) throw recordNotFound();
    const row = { ...current, deletedAt: null, updatedAt: this.nextTimestamp() };
    this.checkUnique(table, row);
    this.put(table, id, row);
    return row;
  }

  hardDelete(plural: string, id: string): StoredRecord {
    const current = this.get(plural, id, { includeDeleted: true });
    if (!current) throw recordNotFound();
    this.hardDeleteMany(plural, [id]);
    return current;
  }

  /** Destroys rows and sets every join column that pointed at them to null (ON DELETE SET NULL). */
  hardDeleteMany(plural: string, ids: readonly string[]): void {
    const table = this.table(plural);
    const gone = new Set(ids.filter((id) => table.rows.has(id)));
    for (const id of gone) this.put(table, id, undefined);
    for (const other of this.tables.values()) {
      const columns = other.object.fields.flatMap((f) => (f.relation?.kind === "MANY_TO_ONE" && f.relation.target === plural ? [f.relation.joinColumn] : []));
      if (columns.length === 0) continue;
      for (const row of other.rows.values()) {
        let cleared: StoredRecord | null = null;
        for (const column of columns) {
          if (!gone.has(row[column] as string)) continue;
          cleared ??= { ...row };
          cleared[column] = null;
        }
        if (cleared) this.put(other, row.id, cleared);
      }
    }
  }

  /** Runs `work` so that it either fully happens or, when it throws, leaves no trace. */
  transaction<T>(work: () => T): T {
    if (this.undoLog) return work();
    this.undoLog = [];
    try {
      const result = work();
      this.undoLog = null;
      return result;
    } catch (error) {
      const log = this.undoLog ?? [];
      this.undoLog = null;
      for (const entry of log.reverse()) this.put(entry.table, entry.id, entry.before);
      throw error;
    }
  }

  /** Moves the server clock ahead, as time passing between syncs (benchmarks and tests; never in real use). */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Strictly increasing millisecond timestamps, so `updatedAt` orders every write. */
  nextTimestamp(): string {
    this.lastTimestamp = Math.max(Date.now() + this.clockOffsetMs, this.lastTimestamp + 1);
    return new Date(this.lastTimestamp).toISOString();
  }

  private writeContext(fixedNow?: string): WriteContext {
    return {
      now: fixedNow ?? this.nextTimestamp(),
      checkReference: (targetPlural, id, column) => {
        if (!this.table(targetPlural).rows.has(id)) {
          throw badRequest(`insert or update violates foreign key constraint: "${column}" references no ${this.table(targetPlural).object.nameSingular} with id ${id}`);
        }
      },
    };
  }

  private checkUnique(table: Table, row: StoredRecord): void {
    if (row.deletedAt !== null) return;
    for (const field of table.object.fields) {
      const key = uniqueKey(field, row[field.name]);
      if (key === null) continue;
      for (const otherId of table.unique.get(field.name)?.get(key) ?? []) {
        if (otherId !== row.id && table.rows.get(otherId)?.deletedAt === null) throw duplicateEntry(table.object, field, key);
      }
    }
  }

  private put(table: Table, id: string, row: StoredRecord | undefined): void {
    const before = table.rows.get(id);
    this.undoLog?.push({ table, id, before });
    for (const [fieldName, index] of table.unique) {
      const field = table.object.fields.find((f) => f.name === fieldName) as FieldDef;
      const oldKey = before ? uniqueKey(field, before[fieldName]) : null;
      const newKey = row ? uniqueKey(field, row[fieldName]) : null;
      if (oldKey === newKey) continue;
      if (oldKey !== null) {
        index.get(oldKey)?.delete(id);
        if (index.get(oldKey)?.size === 0) index.delete(oldKey);
      }
      if (newKey !== null) index.set(newKey, (index.get(newKey) ?? new Set()).add(id));
    }
    if (row) table.rows.set(id, row);
    else table.rows.delete(id);
    table.version++;
  }

  private table(plural: string): Table {
    const table = this.tables.get(plural);
    if (!table) throw new StubHttpError(400, "BadRequestException", `object '${plural}' not found`);
    return table;
  }
}

function duplicateEntry(object: ObjectDef, field: FieldDef, key: string): StubHttpError {
  return badRequest(`A duplicate entry was detected: this ${field.label.toLowerCase()} value is already in use by another ${object.nameSingular} (${field.name} = ${JSON.stringify(key)})`);
}
