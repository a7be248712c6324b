import { useState } from 'react';
import type { ConflictField } from '../components/ConflictAlert';
import type { FormLike } from './forms';
import { mergeTheirs } from './forms';
import { useSaveRefusal } from './useSaveRefusal';

interface EditForm<V> extends FormLike {
  getValues: () => V;
  setValues: (values: V) => void;
}

/**
 * An edit page's protection against lost updates: it remembers the version the user is editing (its updatedAt
 * goes with every save, so the server refuses a save over someone else's), and when that happens gives
 * ConflictAlert its comparison and the two ways out: save over theirs, or take theirs and keep the other edits.
 * `send` performs the save itself (the page's mutation), against the given version.
 */
export function useStaleEdit<R extends { updatedAt: Date }, V extends object>({
  record,
  form,
  fields,
  fieldKeys = fields.map((f) => f.key),
  toValues,
  send,
}: {
  record: R;
  form: EditForm<V>;
  fields: readonly ConflictField[];
  /** The form paths server messages may be placed on; by default the compared fields. */
  fieldKeys?: readonly string[];
  toValues: (record: R) => V;
  send: (values: V, updatedAt: Date) => void;
}) {
  const [seen, setSeen] = useState(record);
  const refusal = useSaveRefusal(form, fieldKeys);
  const save = (values: V, updatedAt: Date) => {
    refusal.clear();
    send(values, updatedAt);
  };
  const { conflict } = refusal;
  const current = conflict ? { ...seen, ...(conflict.current as Partial<R>) } : null;
  return {
    general: refusal.general,
    onError: refusal.onError,
    /** The form's submit: saves against the version the user has seen. */
    submit: (values: V) => save(values, seen.updatedAt),
    /** Props for ConflictAlert while a stale edit is pending, else null. */
    conflictAlert:
      conflict && current
        ? {
            conflict,
            fields,
            seen: toValues(seen) as unknown as Record<string, unknown>,
            mine: form.getValues() as unknown as Record<string, unknown>,
            onOverwrite: () => {
              setSeen(current);
              save(form.getValues(), current.updatedAt);
            },
            onReload: () => {
              form.setValues(mergeTheirs(toValues(seen), toValues(current), form.getValues()));
              setSeen(current);
              refusal.dismissConflict();
            },
          }
        : null,
  };
}
