import { Divider, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AllergyItem } from '../../components/AllergyAlert';
import { staleEdit, toProblem } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import type { RecordEdit } from './records';
import { emptyVisit, VisitForm, type VisitFormValues, visitPayload } from './VisitForm';

/**
 * Amends a record (its author, within 24 hours) or adds an addendum under it. A record changed meanwhile keeps
 * the typed text, says who changed it, and saving again replaces their version.
 */
export function EditRecord({
  mode,
  record,
  allergies,
  onDone,
}: RecordEdit & {
  /** The patient's allergies, repeated at the top of the form. */
  allergies: readonly AllergyItem[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const amend = useMutation(trpc.medicalRecords.amend.mutationOptions());
  const addendum = useMutation(trpc.medicalRecords.addAddendum.mutationOptions());
  const [seen, setSeen] = useState(record.updatedAt);
  const [banner, setBanner] = useState<React.ReactNode>(null);
  const initial: VisitFormValues =
    mode === 'amend'
      ? {
          ...emptyVisit(),
          reason: record.reason,
          findings: record.findings ?? '',
          diagnosis: record.diagnosis ?? '',
          treatment: record.treatment ?? '',
          prescriptions: record.prescriptions ?? '',
          notes: record.notes ?? '',
          weightKg: record.weightKg ?? '',
          temperatureC: record.temperatureC ?? '',
          followUpOn: record.followUpOn ?? '',
        }
      : { ...emptyVisit(), reason: `Addendum: ${record.reason}`.slice(0, 300) };
  const submit = async (values: VisitFormValues) => {
    const id = notifications.show({
      loading: true,
      title: mode === 'amend' ? 'Saving the amendment…' : 'Saving the addendum…',
      message: 'Please wait…',
      autoClose: false,
    });
    try {
      if (mode === 'amend')
        await amend.mutateAsync({ id: record.id, updatedAt: seen, ...visitPayload(values) });
      else await addendum.mutateAsync({ recordId: record.id, ...visitPayload(values) });
      notifications.update({
        id,
        loading: false,
        color: 'green',
        title: mode === 'amend' ? 'Record amended' : 'Addendum added',
        message: '',
        autoClose: 3000,
      });
      await queryClient.invalidateQueries(trpc.medicalRecords.pathFilter());
      await queryClient.invalidateQueries(trpc.patients.get.pathFilter());
      onDone();
    } catch (e) {
      notifications.update({
        id,
        loading: false,
        color: 'red',
        title: 'Not saved',
        message: 'See the form for details.',
        autoClose: 6000,
      });
      const stale = staleEdit<{ updatedAt: Date; veterinarianId: string }>(toProblem(e));
      if (stale) {
        setSeen(stale.current.updatedAt);
        setBanner(
          <Text c="orange.9" size="sm" role="alert">
            {stale.changedBy ?? 'Someone'} changed this record
            {stale.changedAt ? ` at ${formatDateTime(stale.changedAt)}` : ''} while you were editing. Your
            text is kept; saving again replaces their version.
          </Text>,
        );
        return;
      }
      throw e;
    }
  };
  return (
    <Stack>
      {mode === 'addendum' && (
        <Text size="sm" c="dimmed">
          The original record stays as it is; the addendum is shown under it, signed by you.
        </Text>
      )}
      <Divider />
      <VisitForm
        allergies={allergies}
        initial={initial}
        submitLabel={mode === 'amend' ? 'Save amendment' : 'Save addendum'}
        pending={amend.isPending || addendum.isPending}
        onSubmit={submit}
        onCancel={onDone}
        banner={banner}
      />
    </Stack>
  );
}
