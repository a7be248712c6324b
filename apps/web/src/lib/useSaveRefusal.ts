import { useState } from 'react';
import type { StaleEdit } from './errors';
import { applyServerErrors, type FormLike } from './forms';

/**
 * What a refused save leaves for a form page: field messages go onto the form itself (the user's input stays),
 * the rest is kept here for the "Not saved" alert, and a stale edit for the conflict comparison.
 */
export function useSaveRefusal(form: FormLike, fieldKeys: readonly string[]) {
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<StaleEdit<Record<string, unknown>> | null>(null);
  return {
    general,
    conflict,
    /** Call before each save, so the alerts speak of the latest attempt only. */
    clear: () => {
      setGeneral(null);
      setConflict(null);
    },
    onError: (error: unknown) => {
      const refusal = applyServerErrors(form, error, fieldKeys);
      setGeneral(refusal.general);
      setConflict(refusal.stale);
    },
    dismissConflict: () => setConflict(null),
  };
}
