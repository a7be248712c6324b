import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The version of the clinic settings a section's form edits. A newer one (this admin's save of another section,
 * another admin's save arriving as a live update) replaces it only while the form holds no unsaved edits, so
 * typing is never thrown away; a save of edits made on an older version goes through the stale-edit comparison.
 * The form reports whether it holds unsaved edits (`setDirty`); once it does not, it catches up.
 */
export function useFollowedVersion<T extends { updatedAt: Date }>(latest: T | undefined) {
  const [shown, setShown] = useState(latest);
  const dirty = useRef(false);
  const follow = useCallback(() => {
    if (latest && !dirty.current && latest.updatedAt.getTime() !== shown?.updatedAt.getTime())
      setShown(latest);
  }, [latest, shown]);
  useEffect(follow, [follow]);
  const setDirty = useCallback(
    (value: boolean) => {
      dirty.current = value;
      if (!value) follow();
    },
    [follow],
  );
  return { shown: shown ?? latest, setDirty };
}

/** A form's side of it: reports its unsaved edits (Mantine's isDirty) whenever they may have changed. */
export function useReportDirty(isDirty: boolean, setDirty: (value: boolean) => void) {
  useEffect(() => setDirty(isDirty), [isDirty, setDirty]);
}
