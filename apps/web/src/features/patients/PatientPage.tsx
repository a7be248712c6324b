import {
  Badge,
  Button,
  Card,
  Divider,
  Grid,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconCalendarPlus,
  IconEdit,
  IconHistory,
  IconLock,
  IconNotes,
  IconPlus,
  IconStethoscope,
} from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { AllergyAlert } from '../../components/AllergyAlert';
import { EmptyState } from '../../components/EmptyState';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { RouteError } from '../../components/RouteStates';
import { staleEdit, toProblem } from '../../lib/errors';
import {
  formatAge,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatWeight,
  humanize,
} from '../../lib/format';
import { useNotifiedMutation } from '../../lib/notify';
import { can, readsClinicalFields, recordActions } from '../../lib/roles';
import { type SessionUser, useCurrentUser } from '../../lib/session';
import { queryClient, type RouterOutputs, trpc } from '../../lib/trpc';
import { StatusBadge } from '../appointments/AppointmentBits';
import { BookAppointmentModal } from '../appointments/BookAppointmentModal';
import { emptyVisit, VisitForm, type VisitFormValues, visitPayload } from '../medical-records/VisitForm';

const WeightChart = lazy(() => import('../medical-records/WeightChart'));
const route = getRouteApi('/app/patients/$patientId');

type Patient = RouterOutputs['patients']['get'];
type RecordItem = RouterOutputs['medicalRecords']['listForPatient'][number];
type FullRecord = Extract<RecordItem, { kind: 'full' }>;

export function PatientPage() {
  const { patientId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/patients/$patientId' });
  const user = useCurrentUser();
  const patient = useQuery(trpc.patients.get.queryOptions({ id: patientId }));
  const records = useQuery(trpc.medicalRecords.listForPatient.queryOptions({ patientId }));
  const vets = useQuery(trpc.users.veterinarians.queryOptions());
  const [bookOpen, setBookOpen] = useState(!!search.book);

  const invalidatePatient = () => queryClient.invalidateQueries({ queryKey: trpc.patients.pathKey() });
  const setActive = useNotifiedMutation(
    trpc.patients.setActive.mutationOptions({ onSuccess: invalidatePatient }),
    {
      pending: 'Saving…',
      success: (d) => (d.isActive ? 'Patient reactivated' : 'Patient deactivated'),
      error: 'The patient was not changed',
    },
  );
  const markDeceased = useNotifiedMutation(
    trpc.patients.markDeceased.mutationOptions({
      onSuccess: () =>
        Promise.all([
          invalidatePatient(),
          queryClient.invalidateQueries({ queryKey: trpc.appointments.pathKey() }),
        ]),
    }),
    {
      pending: 'Recording…',
      success: (d) =>
        `Recorded as deceased${d.cancelledAppointments ? `; ${d.cancelledAppointments} future appointment(s) cancelled` : ''}`,
      error: 'Not recorded',
    },
  );

  if (patient.isError) return <RouteError error={patient.error} reset={() => patient.refetch()} />;
  if (patient.isPending) {
    return (
      <Stack aria-busy="true" aria-label="Loading patient">
        <Skeleton height={40} width="40%" />
        <Skeleton height={120} />
        <Skeleton height={300} />
      </Stack>
    );
  }
  const p = patient.data;
  const now = new Date();
  const age = formatAge(p.dateOfBirth, now);
  const bookable = !p.deceasedAt && p.isActive;
  const vetName = (id: string) => vets.data?.find((v) => v.id === id)?.fullName ?? 'Veterinarian';
  const ownerName = `${p.owner.firstName} ${p.owner.lastName}`;

  return (
    <Stack gap="md">
      <PageHeader
        crumbs={[
          <AnchorLink key="o" to="/owners">
            Owners
          </AnchorLink>,
          <AnchorLink key="ow" to="/owners/$ownerId" params={{ ownerId: p.owner.id }}>
            {ownerName}
          </AnchorLink>,
          <Text key="p" size="sm">
            {p.name}
          </Text>,
        ]}
        title={p.name}
        badges={
          <>
            {p.deceasedAt && (
              <Badge color="dark" size="lg">
                Deceased {formatDate(p.deceasedAt)}
              </Badge>
            )}
            {!p.isActive && (
              <Badge color="gray" size="lg">
                Inactive
              </Badge>
            )}
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
                onClick={() => setBookOpen(true)}
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
                  modals.openConfirmModal({
                    title: `Record ${p.name} as deceased?`,
                    children: (
                      <Text size="sm">
                        Future appointments of {p.name} will be cancelled. This cannot be undone from the app.
                      </Text>
                    ),
                    labels: { confirm: 'Record as deceased', cancel: 'Cancel' },
                    confirmProps: { color: 'dark' },
                    onConfirm: () => markDeceased.mutate({ id: patientId }),
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
                onClick={() => setActive.mutate({ id: patientId, isActive: !p.isActive })}
              >
                {p.isActive ? 'Deactivate' : 'Reactivate'}
              </Button>
            )}
            {can(user.role, 'audit.forRecord') && (
              <ButtonLink
                to="/admin/audit"
                search={{ table: 'patients', record: patientId }}
                variant="subtle"
                leftSection={<IconHistory size={16} aria-hidden />}
              >
                History
              </ButtonLink>
            )}
          </>
        }
      />

      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
          <Fact label="Species" value={`${p.species}${p.breed ? ` · ${p.breed}` : ''}`} />
          <Fact label="Sex" value={`${humanize(p.sex)}${p.neutered ? ', neutered' : ''}`} />
          <Fact
            label="Age"
            value={age ? `${age}` : '—'}
            hint={p.dateOfBirth ? `born ${formatCalendarDate(p.dateOfBirth)}` : undefined}
          />
          <Fact label="Current weight" value={formatWeight(p.weightKg)} />
          <Fact label="Microchip" value={p.microchipId ?? '—'} />
          <Fact
            label="Owner"
            value={
              <AnchorLink to="/owners/$ownerId" params={{ ownerId: p.owner.id }}>
                {ownerName}
              </AnchorLink>
            }
            hint={p.owner.phone}
          />
        </SimpleGrid>
      </Paper>

      <AllergyAlert allergies={p.allergies} />

      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder>
            <Title order={2} size="h3" mb="sm">
              Medical history
            </Title>
            {readsClinicalFields(user.role) ? null : (
              <Text size="sm" c="dimmed" mb="sm">
                Summaries only: clinical details are visible to veterinarians and administrators.
              </Text>
            )}
            <History records={records} user={user} patient={p} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <Card withBorder>
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Upcoming appointments
                </Title>
              </Group>
              {p.upcomingAppointments.length === 0 ? (
                <EmptyState title="Nothing booked">
                  {bookable ? 'Use “Book appointment” to schedule one.' : null}
                </EmptyState>
              ) : (
                <Stack gap="xs">
                  {p.upcomingAppointments.map((a) => (
                    <Paper key={a.id} withBorder p="xs">
                      <Group justify="space-between" gap={4}>
                        <Text size="sm" fw={600}>
                          {formatDateTime(a.startsAt)}
                        </Text>
                        <StatusBadge status={a.status} />
                      </Group>
                      <Text size="sm">{a.reason}</Text>
                      <Text size="xs" c="dimmed">
                        {vetName(a.veterinarianId)} ·{' '}
                        <AnchorLink
                          size="xs"
                          to="/calendar"
                          search={{ date: toDateParam(a.startsAt), view: 'day' }}
                        >
                          open in calendar
                        </AnchorLink>
                      </Text>
                    </Paper>
                  ))}
                </Stack>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Weight over time
              </Title>
              {p.weightHistory.length < 2 ? (
                <EmptyState title="Not enough weighings yet">
                  {p.weightHistory.length === 1
                    ? `One weighing: ${formatWeight(p.weightHistory[0]!.weightKg)}.`
                    : 'Weights recorded at visits appear here.'}
                </EmptyState>
              ) : (
                <Suspense fallback={<Skeleton height={200} />}>
                  <WeightChart points={p.weightHistory} />
                </Suspense>
              )}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>

      <BookAppointmentModal
        opened={bookOpen}
        onClose={() => {
          setBookOpen(false);
          if (search.book) void navigate({ search: {}, replace: true });
        }}
        patient={{ id: p.id, name: p.name, species: p.species, allergies: p.allergies }}
        defaultVetId={user.role === 'veterinarian' ? user.id : undefined}
      />
    </Stack>
  );
}

const toDateParam = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function Fact({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}

function History({
  records,
  user,
  patient,
}: {
  records: ReturnType<typeof useQuery<RecordItem[], unknown>>;
  user: SessionUser;
  patient: Patient;
}) {
  const [editing, setEditing] = useState<{ mode: 'amend' | 'addendum'; record: FullRecord } | null>(null);
  if (records.isPending) return <Skeleton height={200} />;
  if (records.isError) return <Text c="red">The history could not be loaded.</Text>;
  const list = records.data ?? [];
  if (list.length === 0) return <EmptyState title="No visits recorded yet" />;
  // Addenda are shown under the record they correct.
  const addenda = new Map<string, RecordItem[]>();
  for (const r of list) {
    if (r.amendsRecordId) addenda.set(r.amendsRecordId, [...(addenda.get(r.amendsRecordId) ?? []), r]);
  }
  const originals = list.filter((r) => !r.amendsRecordId || !list.some((o) => o.id === r.amendsRecordId));
  return (
    <>
      <Timeline bulletSize={22} lineWidth={2} active={originals.length}>
        {originals.map((r) => (
          <Timeline.Item
            key={r.id}
            bullet={<IconNotes size={12} aria-hidden />}
            title={<RecordTitle record={r} />}
          >
            <RecordBody record={r} />
            {r.kind === 'full' && <RecordButtons record={r} user={user} onEdit={setEditing} />}
            {(addenda.get(r.id) ?? [])
              .slice()
              .reverse()
              .map((a) => (
                <Paper key={a.id} withBorder p="xs" mt="xs" bg="gray.0">
                  <Text size="sm" fw={600}>
                    Addendum by {a.veterinarianName}
                    {a.kind === 'full' ? `, ${formatDateTime(a.createdAt)}` : ''}
                  </Text>
                  <RecordBody record={a} />
                </Paper>
              ))}
          </Timeline.Item>
        ))}
      </Timeline>
      <Modal
        opened={!!editing}
        onClose={() => setEditing(null)}
        size="xl"
        title={editing?.mode === 'amend' ? 'Amend the visit record' : 'Add an addendum'}
      >
        {editing && (
          <EditRecord
            key={editing.record.id + editing.mode}
            {...editing}
            patient={patient}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </>
  );
}

function RecordTitle({ record: r }: { record: RecordItem }) {
  return (
    <Group gap={8}>
      <Text fw={700}>{formatDate(r.visitedAt)}</Text>
      <Text>{r.reason}</Text>
      <Text size="sm" c="dimmed">
        — {r.veterinarianName}
      </Text>
    </Group>
  );
}

function RecordBody({ record: r }: { record: RecordItem }) {
  const rows: [string, string | null | undefined][] =
    r.kind === 'full'
      ? [
          ['Findings', r.findings],
          ['Diagnosis', r.diagnosis],
          ['Treatment', r.treatment],
          ['Prescriptions', r.prescriptions],
          ['Notes', r.notes],
          ['Weight', r.weightKg !== null ? formatWeight(r.weightKg) : null],
          ['Temperature', r.temperatureC !== null ? `${r.temperatureC} °C` : null],
          ['Follow-up', r.followUpOn ? formatCalendarDate(r.followUpOn) : null],
        ]
      : [['Follow-up', r.followUpOn ? formatCalendarDate(r.followUpOn) : null]];
  const shown = rows.filter(([, v]) => v);
  if (shown.length === 0) return null;
  return (
    <Stack gap={2} mt={4} data-testid={r.kind === 'full' ? 'record-clinical' : 'record-summary'}>
      {shown.map(([label, value]) => (
        <Text key={label} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <Text span fw={600} size="sm">
            {label}:
          </Text>{' '}
          {value}
        </Text>
      ))}
    </Stack>
  );
}

function RecordButtons({
  record,
  user,
  onEdit,
}: {
  record: FullRecord;
  user: SessionUser;
  onEdit: (e: { mode: 'amend' | 'addendum'; record: FullRecord }) => void;
}) {
  const allowed = recordActions(record, user);
  if (!allowed.amend && !allowed.addendum) {
    return record.locked ? (
      <Group gap={4} mt={4}>
        <IconLock size={14} aria-hidden />
        <Text size="xs" c="dimmed">
          Locked
        </Text>
      </Group>
    ) : null;
  }
  return (
    <Group gap="xs" mt={6}>
      {allowed.amend && (
        <>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconEdit size={14} aria-hidden />}
            onClick={() => onEdit({ mode: 'amend', record })}
          >
            Amend
          </Button>
          <Text size="xs" c="dimmed">
            until {formatDateTime(record.amendableUntil)}
          </Text>
        </>
      )}
      {allowed.addendum && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onEdit({ mode: 'addendum', record })}
        >
          Add addendum
        </Button>
      )}
      {record.locked && (
        <Group gap={4}>
          <IconLock size={14} aria-hidden />
          <Text size="xs" c="dimmed">
            Locked after 24 hours
          </Text>
        </Group>
      )}
    </Group>
  );
}

function EditRecord({
  mode,
  record,
  patient,
  onDone,
}: {
  mode: 'amend' | 'addendum';
  record: FullRecord;
  patient: Patient;
  onDone: () => void;
}) {
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
      await queryClient.invalidateQueries({ queryKey: trpc.medicalRecords.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.patients.get.pathKey() });
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
        allergies={patient.allergies}
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
