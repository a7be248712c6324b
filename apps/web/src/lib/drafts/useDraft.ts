import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import superjson from 'superjson';
import { meQuery } from '../session';
import { useTRPC } from '../trpc';
import {
  type DraftAddress,
  type DraftForm,
  type DraftStorage,
  pruneDrafts,
  readDraft,
  removeDraft,
  writeDraft,
} from './draftStore';
import { addPendingWrite, removePendingWrite } from './pending';

/** Which draft a form keeps: useSave's `draft` option (`{ form: 'visit', recordId: patientId }`). */
export interface DraftWhere {
  form: DraftForm;
  recordId: string;
}

/** What the top of the form shows about a restored draft (components/DraftNotice). */
export interface DraftNoticeProps {
  savedAt: Date;
  discard: () => void;
}

export interface DraftControl<R> {
  /** The record version the save is checked against: the restored draft's, else the record's. */
  seen: R;
  setSeen: (seen: R) => void;
  /** Shown while a restored draft is in the form; null otherwise. */
  notice: DraftNoticeProps | null;
  /** Forgets the draft (saved, or the form was cancelled). */
  clear: () => void;
}

interface DraftableForm<V> {
  getValues(): V;
  getInitialValues(): V;
  setValues(values: V): void;
}

/** Typing is written at most this often; whatever is pending is written when the form goes away. */
const WRITE_DELAY_MS = 400;

const browserStorage = (): DraftStorage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: forms work without drafts
  }
};

/** Whether the user has a draft of `where` waiting (a button can say "Continue…" instead of starting afresh). */
export function hasDraft(userId: string, where: DraftWhere): boolean {
  const storage = browserStorage();
  return !!storage && readDraft(storage, { userId, ...where }, Date.now()) !== null;
}

/** The signed-in user's id, kept while the app leaves for sign-in (so a last write lands in their own slot). */
function useDraftOwner(): string | null {
  const trpc = useTRPC();
  const { data } = useQuery(meQuery(trpc));
  const last = useRef<string | null>(null);
  if (data?.user) last.current = data.user.id;
  return last.current;
}

/**
 * Keeps a form's input as the signed-in user's draft of `where` while they type, restores it when the form opens
 * again (after signing in again, say), and forgets it once saved or cancelled. Without `where` (or a form), it is
 * only the version state. Used by useSave; forms only name their draft.
 */
export function useDraft<V, R>(
  form: DraftableForm<V> | undefined,
  where: DraftWhere | undefined,
  record: R,
): DraftControl<R> {
  const userId = useDraftOwner();
  const storage = browserStorage();
  const address: DraftAddress | null =
    form && where && userId && storage ? { userId, form: where.form, recordId: where.recordId } : null;

  const [restored, setRestored] = useState(() => {
    if (!address || !storage) return null;
    pruneDrafts(storage, Date.now());
    return readDraft<V, R>(storage, address, Date.now());
  });
  const [seen, setSeen] = useState<R>(restored?.seen ?? record);

  // Into the form once, when it opens.
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current || !restored || !form) return;
    applied.current = true;
    form.setValues(restored.values);
  });

  // What would be written: the input and the version it is typed against.
  const snapshot = address ? superjson.stringify({ values: form!.getValues(), seen }) : '';
  // A restored draft is not written again unchanged, so it keeps the time it was typed.
  const last = useRef(
    restored && form
      ? superjson.stringify({ values: { ...form.getInitialValues(), ...restored.values }, seen })
      : snapshot,
  );
  const pending = useRef<(() => void) | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const cancelPending = () => {
    clearTimeout(timer.current);
    if (pending.current) removePendingWrite(pending.current);
    pending.current = null;
  };

  useEffect(() => {
    if (!address || !storage || !form || snapshot === last.current) return;
    last.current = snapshot;
    cancelPending();
    const values = form.getValues();
    const unchanged = superjson.stringify(values) === superjson.stringify(form.getInitialValues());
    const write = () => {
      cancelPending();
      // Back to what the form opened with: nothing to keep.
      if (unchanged) removeDraft(storage, address);
      else writeDraft(storage, address, { values, seen }, Date.now());
    };
    pending.current = write;
    addPendingWrite(write);
    timer.current = setTimeout(write, WRITE_DELAY_MS);
  });

  // Leaving the form (signed out, navigated away) writes what is pending.
  useEffect(() => () => pending.current?.(), []);

  const clear = () => {
    cancelPending();
    if (address && storage) removeDraft(storage, address);
    setRestored(null);
  };

  return {
    seen,
    setSeen,
    notice: restored
      ? {
          savedAt: restored.savedAt,
          discard: () => {
            clear();
            setSeen(record);
            form?.setValues(form.getInitialValues());
          },
        }
      : null,
    clear,
  };
}
