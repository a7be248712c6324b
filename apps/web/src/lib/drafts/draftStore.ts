import superjson from 'superjson';

/**
 * Unsaved input of a long form, kept in the browser so an ended session (idle timeout, a closed tab) does not
 * lose it. One draft per user, form and record: the key starts with the user's id and only that user's own key is
 * ever read back, so another person signing in on the same computer never sees it. Only clinical, owner and
 * patient forms keep drafts (never a password form).
 */

/** The forms that keep drafts, each with the record it is about ('new' forms: the record they are added to). */
export type DraftForm =
  | 'visit' // a new visit record: the patient's id
  | 'amend' // an amendment: the record's id
  | 'addendum' // an addendum: the record's id
  | 'newOwner' // a new owner: 'new'
  | 'owner' // an owner's edit: the owner's id
  | 'newPatient' // a new pet: its owner's id
  | 'patient'; // a patient's edit: the patient's id

export interface DraftAddress {
  userId: string;
  form: DraftForm;
  recordId: string;
}

export interface StoredDraft<V, R> {
  savedAt: Date;
  values: V;
  /** The version of the record the input was typed against: its save is checked against that one (stale edit). */
  seen: R | undefined;
}

/** A draft older than this is dropped unread, so the browser's storage does not fill up with forgotten ones. */
export const DRAFT_LIFETIME_MS = 7 * 24 * 60 * 60_000;

const PREFIX = 'vetflow.draft:';

/** The part of the browser's Storage a draft uses (window.localStorage in the app). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const draftKey = ({ userId, form, recordId }: DraftAddress) =>
  `${PREFIX}${encodeURIComponent(userId)}:${form}:${encodeURIComponent(recordId)}`;

interface Envelope {
  savedAt: number;
  values: unknown;
  seen: unknown;
}

function parse(text: string | null): Envelope | null {
  if (!text) return null;
  try {
    const envelope = superjson.parse<Envelope>(text);
    return envelope && typeof envelope.savedAt === 'number' && typeof envelope.values === 'object'
      ? envelope
      : null;
  } catch {
    return null;
  }
}

/** Keeps the input; false when the browser refused it (storage full or disabled): the form works on regardless. */
export function writeDraft<V, R>(
  storage: DraftStorage,
  address: DraftAddress,
  draft: { values: V; seen: R | undefined },
  now: number,
): boolean {
  try {
    const envelope: Envelope = { savedAt: now, values: draft.values, seen: draft.seen };
    storage.setItem(draftKey(address), superjson.stringify(envelope));
    return true;
  } catch {
    return false;
  }
}

/** The user's draft of this form and record, or null (none, expired or unreadable: then it is removed). */
export function readDraft<V, R>(
  storage: DraftStorage,
  address: DraftAddress,
  now: number,
): StoredDraft<V, R> | null {
  const key = draftKey(address);
  const envelope = parse(storage.getItem(key));
  if (!envelope || now - envelope.savedAt > DRAFT_LIFETIME_MS) {
    storage.removeItem(key);
    return null;
  }
  return { savedAt: new Date(envelope.savedAt), values: envelope.values as V, seen: envelope.seen as R };
}

export function removeDraft(storage: DraftStorage, address: DraftAddress) {
  storage.removeItem(draftKey(address));
}

/** Removes every expired or unreadable draft, whoever's (reads only their age, never shows them). */
export function pruneDrafts(storage: DraftStorage, now: number) {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    const envelope = parse(storage.getItem(key));
    if (!envelope || now - envelope.savedAt > DRAFT_LIFETIME_MS) storage.removeItem(key);
  }
}
