/**
 * In-memory records per object with the indexes queries and writes need (by Id, by parent Id for every
 * reference field, by value for unique and external id fields), and an undo log so a call with
 * allOrNone can roll back everything it wrote.
 *
 * Stored records are never mutated in place: a write replaces the object, so the undo log can keep the
 * previous version by reference.
 */
import type { ObjectSchema, OrgSchema } from '../schema/types.js';

export type StoredRecord = Record<string, unknown> & { Id: string };

type RecordState = { live?: StoredRecord; deleted?: StoredRecord };

type UndoEntry = { object: string; id: string; before: RecordState };

/** Unique text is case-insensitive in Salesforce unless the field says otherwise. */
export function uniqueKey(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return String(value).toLowerCase();
}

export class ObjectTable {
  public readonly live = new Map<string, StoredRecord>();
  /** The recycle bin: deleted records stay queryable with queryAll (IsDeleted = true). */
  public readonly deleted = new Map<string, StoredRecord>();
  /** reference field → parent Id → child Ids. */
  public readonly byReference = new Map<string, Map<string, Set<string>>>();
  /** unique or external id field → lower-cased value → Ids. */
  public readonly byValue = new Map<string, Map<string, Set<string>>>();
  public sequence = 0;
  public autoNumber = new Map<string, number>();

  public constructor(public readonly object: ObjectSchema) {
    for (const field of object.fields) {
      if (field.type === 'reference') this.byReference.set(field.name, new Map());
      if (field.unique || field.externalId) this.byValue.set(field.name, new Map());
    }
  }

  public childrenOf(field: string, parentId: string): Set<string> {
    return this.byReference.get(field)?.get(parentId) ?? EMPTY;
  }

  public idsWithValue(field: string, value: unknown): Set<string> {
    const key = uniqueKey(value);
    return key === null ? EMPTY : (this.byValue.get(field)?.get(key) ?? EMPTY);
  }

  public index(record: StoredRecord, add: boolean): void {
    for (const [field, index] of this.byReference) {
      const parent = record[field];
      if (typeof parent === 'string') updateSet(index, parent, record.Id, add);
    }
    for (const [field, index] of this.byValue) {
      const key = uniqueKey(record[field]);
      if (key !== null) updateSet(index, key, record.Id, add);
    }
  }
}

const EMPTY: Set<string> = new Set();

function updateSet(index: Map<string, Set<string>>, key: string, id: string, add: boolean): void {
  let set = index.get(key);
  if (add) {
    if (!set) index.set(key, (set = new Set()));
    set.add(id);
  } else if (set) {
    set.delete(id);
    if (set.size === 0) index.delete(key);
  }
}

export class RecordStore {
  public readonly tables = new Map<string, ObjectTable>();
  private undoLog: UndoEntry[] | null = null;
  /** Increases with every change, so caches of computed values know when they are stale. */
  public version = 0;

  public constructor(schema: OrgSchema) {
    for (const object of schema.objects.values()) this.tables.set(object.name, new ObjectTable(object));
  }

  public table(object: string): ObjectTable {
    const table = this.tables.get(object);
    if (!table) throw new Error(`No table for ${object}`);
    return table;
  }

  public get(object: string, id: string): StoredRecord | undefined {
    return this.tables.get(object)?.live.get(id);
  }

  /** Insert or replace a live record. */
  public put(object: string, record: StoredRecord): void {
    this.setState(object, record.Id, { live: record });
  }

  /** Move a live record to the recycle bin. */
  public moveToRecycleBin(object: string, id: string, deletedVersion: StoredRecord): void {
    this.setState(object, id, { deleted: deletedVersion });
  }

  /** Starts recording undo information; returns a savepoint to roll back to. */
  public savepoint(): number {
    if (!this.undoLog) this.undoLog = [];
    return this.undoLog.length;
  }

  public rollbackTo(savepoint: number): void {
    const log = this.undoLog;
    if (!log) return;
    while (log.length > savepoint) {
      const entry = log.pop()!;
      this.applyState(entry.object, entry.id, entry.before);
    }
  }

  /** Ends the outermost transaction: the undo log is dropped. */
  public release(): void {
    this.undoLog = null;
  }

  private setState(object: string, id: string, next: RecordState): void {
    const table = this.table(object);
    if (this.undoLog) this.undoLog.push({ object, id, before: { live: table.live.get(id), deleted: table.deleted.get(id) } });
    this.applyState(object, id, next);
  }

  private applyState(object: string, id: string, next: RecordState): void {
    const table = this.table(object);
    this.version++;
    const current = table.live.get(id);
    if (current) {
      table.index(current, false);
      table.live.delete(id);
    }
    table.deleted.delete(id);
    if (next.live) {
      table.live.set(id, next.live);
      table.index(next.live, true);
    }
    if (next.deleted) table.deleted.set(id, next.deleted);
  }
}
