import { Badge, Button, Tooltip } from '@mantine/core';
import { IconCalendarPlus, IconEdit, IconStethoscope } from '@tabler/icons-react';
import { InactiveBadge } from '../../components/ActiveBadge';
import { confirmAction } from '../../components/confirm';
import { ownerCrumb, ownersCrumb } from '../../components/crumbs';
import { HistoryLink } from '../../components/HistoryLink';
import { LiveIndicator } from '../../components/LiveIndicator';
import { ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, personName } from '../../lib/format';
import { can } from '../../lib/roles';
import { useSave } from '../../lib/save/useSave';
import type { SessionUser } from '../../lib/session';
import { type RouterOutputs, useTRPC } from '../../lib/trpc';

type Patient = RouterOutputs['patients']['get'];

/**
 * The chart's header: where the patient sits (owner), its state (deceased, inactive), and what the user's role
 * may do with it: book, record a visit, edit, mark deceased, deactivate, see its history.
 */
export function PatientHeader({
  patient: p,
  user,
  onBook,
}: {
  patient: Patient;
  user: SessionUser;
  onBook: () => void;
}) {
  const trpc = useTRPC();
  const setActive = useSave(trpc.patients.setActive.mutationOptions(), {
    pending: 'Saving…',
    success: (d) => (d.isActive ? 'Patient reactivated' : 'Patient deactivated'),
    error: 'The patient was not changed',
    refresh: [trpc.patients.pathFilter()],
  });
  const markDeceased = useSave(trpc.patients.markDeceased.mutationOptions(), {
    pending: 'Recording…',
    success: (d) =>
      `Recorded as deceased${d.cancelledAppointments ? `; ${d.cancelledAppointments} open appointment(s) cancelled` : ''}`,
    error: 'Not recorded',
    refresh: [trpc.patients.pathFilter(), trpc.appointments.pathFilter()],
  });
  const patientId = p.id;
  const bookable = !p.deceasedAt && p.isActive;

  return (
    <PageHeader
      crumbs={[ownersCrumb(), ownerCrumb(p.owner.id, personName(p.owner))]}
      here={p.name}
      title={p.name}
      badges={
        <>
          {p.deceasedAt && (
            <Badge color="dark" size="lg">
              Deceased {formatDate(p.deceasedAt)}
            </Badge>
          )}
          {!p.isActive && <InactiveBadge size="lg" />}
          <LiveIndicator />
        </>
      }
      actions={
        <>
          <Tooltip
            label={
              p.deceasedAt ? 'A deceased patient cannot be booked' : 'An inactive patient cannot be booked'
            }
            disabled={bookable}
          >
            <Button
              leftSection={<IconCalendarPlus size={16} aria-hidden />}
              onClick={onBook}
              disabled={!bookable}
            >
              Book appointment
            </Button>
          </Tooltip>
          {can(user.role, 'medicalRecords.create') && (
            <ButtonLink
              to="/patients/$patientId/visits/new"
              params={{ patientId }}
              variant="filled"
              color="teal.9"
              leftSection={<IconStethoscope size={16} aria-hidden />}
            >
              New visit record
            </ButtonLink>
          )}
          <ButtonLink
            to="/patients/$patientId/edit"
            params={{ patientId }}
            variant="default"
            leftSection={<IconEdit size={16} aria-hidden />}
          >
            Edit patient
          </ButtonLink>
          {can(user.role, 'patients.markDeceased') && !p.deceasedAt && (
            <Button
              variant="default"
              onClick={() =>
                confirmAction({
                  title: `Record ${p.name} as deceased?`,
                  message: `Future appointments of ${p.name} will be cancelled. This cannot be undone from the app.`,
                  confirmLabel: 'Record as deceased',
                  color: 'dark',
                  onConfirm: () => markDeceased.run({ id: patientId }),
                })
              }
            >
              Mark deceased
            </Button>
          )}
          {can(user.role, 'patients.setActive') && (
            <Button
              variant="outline"
              color={p.isActive ? 'red' : 'green'}
              loading={setActive.isPending}
              onClick={() => setActive.run({ id: patientId, isActive: !p.isActive })}
            >
              {p.isActive ? 'Deactivate' : 'Reactivate'}
            </Button>
          )}
          <HistoryLink table="patients" record={patientId} />
        </>
      }
    />
  );
}
