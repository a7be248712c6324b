import type { RouterOutputs } from '../../lib/trpc';

/** A visit record as the patient's history lists it: in full, or the summary a role without clinical access sees. */
export type RecordItem = RouterOutputs['medicalRecords']['listForPatient'][number];
export type FullRecord = Extract<RecordItem, { kind: 'full' }>;

/** A correction being written: an amendment (its author, within 24 hours) or an addendum. */
export interface RecordEdit {
  mode: 'amend' | 'addendum';
  record: FullRecord;
}
