import { describe, expect, it } from 'vitest';
import {
  DRAFT_LIFETIME_MS,
  type DraftAddress,
  type DraftStorage,
  draftKey,
  pruneDrafts,
  readDraft,
  removeDraft,
  writeDraft,
} from './draftStore';

/** The Web Storage API as the browser implements it (Node has none): a string map, optionally size-limited. */
class MemoryStorage implements DraftStorage {
  private items = new Map<string, string>();
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  keys() {
    return [...this.items.keys()];
  }
}

const NOW = Date.parse('2026-11-24T10:00:00Z');
const vet: DraftAddress = { userId: 'user-vet', form: 'visit', recordId: 'patient-1' };
const values = { notes: 'Bright, alert; mild otitis externa', weightKg: 12.4, followUpOn: '2026-12-01' };

describe('drafts in the browser', () => {
  it('reads back what was written, with when, and the version it was typed against (dates intact)', () => {
    const storage = new MemoryStorage();
    const seen = { id: 'r1', updatedAt: new Date('2026-11-20T08:00:00Z') };
    expect(writeDraft(storage, vet, { values, seen }, NOW)).toBe(true);
    const draft = readDraft<typeof values, typeof seen>(storage, vet, NOW + 1000);
    expect(draft?.values).toEqual(values);
    expect(draft?.savedAt).toEqual(new Date(NOW));
    expect(draft?.seen?.updatedAt).toBeInstanceOf(Date);
    expect(draft?.seen).toEqual(seen);
  });

  it('is kept per user: another user of the same browser reads nothing for the same form and record', () => {
    const storage = new MemoryStorage();
    writeDraft(storage, vet, { values, seen: undefined }, NOW);
    expect(readDraft(storage, { ...vet, userId: 'user-assistant' }, NOW)).toBeNull();
    // …and their own draft of it is separate from the first user's.
    writeDraft(
      storage,
      { ...vet, userId: 'user-assistant' },
      { values: { notes: 'other' }, seen: undefined },
      NOW,
    );
    expect(readDraft<typeof values, undefined>(storage, vet, NOW)?.values.notes).toBe(values.notes);
    expect(storage.keys()).toHaveLength(2);
  });

  it('is kept per form and record', () => {
    const storage = new MemoryStorage();
    writeDraft(storage, vet, { values, seen: undefined }, NOW);
    expect(readDraft(storage, { ...vet, recordId: 'patient-2' }, NOW)).toBeNull();
    expect(readDraft(storage, { ...vet, form: 'addendum' }, NOW)).toBeNull();
  });

  it("a user id cannot reach into another user's key (ids are escaped)", () => {
    expect(draftKey({ userId: 'a:visit', form: 'visit', recordId: 'x' })).not.toBe(
      draftKey({ userId: 'a', form: 'visit', recordId: 'x' }),
    );
    expect(draftKey({ userId: 'a', form: 'visit', recordId: 'x:y' })).toContain('x%3Ay');
  });

  it('is gone once cleared (saved or cancelled)', () => {
    const storage = new MemoryStorage();
    writeDraft(storage, vet, { values, seen: undefined }, NOW);
    removeDraft(storage, vet);
    expect(readDraft(storage, vet, NOW)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('expires after seven days: not restored, and removed', () => {
    const storage = new MemoryStorage();
    writeDraft(storage, vet, { values, seen: undefined }, NOW);
    expect(readDraft(storage, vet, NOW + DRAFT_LIFETIME_MS)).not.toBeNull();
    expect(readDraft(storage, vet, NOW + DRAFT_LIFETIME_MS + 1)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it("pruning removes every user's expired or unreadable drafts and leaves the rest and other keys alone", () => {
    const storage = new MemoryStorage();
    writeDraft(storage, vet, { values, seen: undefined }, NOW - DRAFT_LIFETIME_MS - 1);
    const fresh = { ...vet, userId: 'user-other' };
    writeDraft(storage, fresh, { values, seen: undefined }, NOW - 1000);
    storage.setItem(draftKey({ ...vet, recordId: 'broken' }), '{not json');
    storage.setItem('vetflow.colorScheme', 'dark');
    pruneDrafts(storage, NOW);
    expect(storage.keys().sort()).toEqual([draftKey(fresh), 'vetflow.colorScheme'].sort());
  });

  it('an unreadable draft (tampered, older format) is dropped, not restored', () => {
    const storage = new MemoryStorage();
    for (const text of [
      '{not json',
      '{"json":{"values":{}}}',
      '{"json":{"savedAt":"yesterday","values":{}}}',
      'null',
    ]) {
      storage.setItem(draftKey(vet), text);
      expect(readDraft(storage, vet, NOW)).toBeNull();
      expect(storage.length).toBe(0);
    }
  });

  it('a full storage refuses the write without throwing: the form goes on without a draft', () => {
    const storage = new MemoryStorage(100);
    expect(writeDraft(storage, vet, { values: { notes: 'x'.repeat(10_000) }, seen: undefined }, NOW)).toBe(
      false,
    );
    expect(readDraft(storage, vet, NOW)).toBeNull();
  });
});
