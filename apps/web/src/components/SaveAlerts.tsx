import type { SaveAlertsProps } from '../lib/save/useSave';
import { ConflictAlert } from './ConflictAlert';
import { NotSavedAlert } from './NotSavedAlert';

/** The top of a form after a refused save: the stale-edit comparison, or what no field of the form shows. */
export function SaveAlerts<V>({ title, general, conflict }: SaveAlertsProps<V>) {
  return (
    <>
      {conflict && <ConflictAlert {...conflict} />}
      <NotSavedAlert title={title} message={general} />
    </>
  );
}
