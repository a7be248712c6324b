import { Button, Card, Group, Modal, NumberInput, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { LIMITS } from '@vetflow/schema/values';
import { useState } from 'react';
import { ActiveBadge } from '../../components/ActiveBadge';
import type { ConflictField } from '../../components/ConflictAlert';
import { SaveForm } from '../../components/SaveForm';
import { TableHead } from '../../components/TableHead';
import { formatDuration } from '../../lib/format';
import { useSave } from '../../lib/save/useSave';
import { type RouterOutputs, useTRPC } from '../../lib/trpc';
import { settingsQueries } from './settingsQueries';

type AppointmentType = RouterOutputs['appointmentTypes']['list'][number];
interface TypeValues {
  name: string;
  defaultMinutes: number | string;
}
const toValues = (t: AppointmentType): TypeValues => ({ name: t.name, defaultMinutes: t.defaultMinutes });
const FIELDS: ConflictField<TypeValues>[] = [
  { key: 'name', label: 'Name' },
  { key: 'defaultMinutes', label: 'Default duration', format: (m) => formatDuration(Number(m)) },
];

/** The kinds of appointment and their default lengths: created, renamed, deactivated (never deleted). */
export function AppointmentTypes() {
  const trpc = useTRPC();
  const types = useQuery(trpc.appointmentTypes.list.queryOptions({ includeInactive: true }));
  const [editing, setEditing] = useState<AppointmentType | 'new' | null>(null);
  const setActive = useSave(trpc.appointmentTypes.setActive.mutationOptions(), {
    pending: 'Saving…',
    success: (t) => (t.isActive ? `${t.name} offered again` : `${t.name} deactivated`),
    error: 'The type was not changed',
    refresh: settingsQueries(trpc),
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Appointment types
        </Title>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing('new')}>
          New type
        </Button>
      </Group>
      <Table verticalSpacing="xs" aria-label="Appointment types">
        <TableHead columns={['Name', 'Default duration', 'Status', 'Actions']} />
        <Table.Tbody>
          {(types.data ?? []).map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td fw={600}>{t.name}</Table.Td>
              <Table.Td>{formatDuration(t.defaultMinutes)}</Table.Td>
              <Table.Td>
                <ActiveBadge active={t.isActive} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="default"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    onClick={() => setEditing(t)}
                    aria-label={`Edit ${t.name}`}
                  >
                    Edit
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color={t.isActive ? 'red' : 'green'}
                    onClick={() => setActive.run({ id: t.id, isActive: !t.isActive })}
                    aria-label={`${t.isActive ? 'Deactivate' : 'Reactivate'} ${t.name}`}
                  >
                    {t.isActive ? 'Deactivate' : 'Reactivate'}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Choosing a type when booking sets the appointment’s length and, if empty, its reason.
      </Text>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New appointment type' : 'Edit appointment type'}
      >
        {editing === 'new' && <CreateType onDone={() => setEditing(null)} />}
        {editing && editing !== 'new' && <EditType type={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Card>
  );
}

function TypeFields({ form }: { form: ReturnType<typeof useForm<TypeValues>> }) {
  return (
    <>
      <TextInput label="Name" required maxLength={LIMITS.name} {...form.getInputProps('name')} />
      <NumberInput
        label="Default duration (minutes)"
        required
        min={LIMITS.minAppointmentMinutes}
        max={LIMITS.maxAppointmentMinutes}
        step={5}
        allowDecimal={false}
        {...form.getInputProps('defaultMinutes')}
      />
    </>
  );
}

function CreateType({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const form = useForm<TypeValues>({ mode: 'controlled', initialValues: { name: '', defaultMinutes: 30 } });
  const save = useSave(trpc.appointmentTypes.create.mutationOptions(), {
    form,
    toInput: (v) => ({ name: v.name, defaultMinutes: Number(v.defaultMinutes) }),
    pending: 'Saving…',
    success: (t) => `${t.name} added`,
    error: 'The type was not saved',
    refresh: settingsQueries(trpc),
    onSaved: onDone,
  });
  return (
    <SaveForm form={form} save={save} submitLabel="Add type" onCancel={onDone}>
      <TypeFields form={form} />
    </SaveForm>
  );
}

function EditType({ type, onDone }: { type: AppointmentType; onDone: () => void }) {
  const trpc = useTRPC();
  const form = useForm<TypeValues>({ mode: 'controlled', initialValues: toValues(type) });
  const save = useSave(trpc.appointmentTypes.update.mutationOptions(), {
    form,
    version: { record: type, toValues, fields: FIELDS },
    toInput: (v, seen) => ({
      id: seen.id,
      updatedAt: seen.updatedAt,
      name: v.name,
      defaultMinutes: Number(v.defaultMinutes),
    }),
    pending: 'Saving…',
    success: (t) => `${t.name} saved`,
    error: 'The type was not saved',
    refresh: settingsQueries(trpc),
    onSaved: onDone,
  });
  return (
    <SaveForm form={form} save={save} submitLabel="Save" onCancel={onDone}>
      <TypeFields form={form} />
    </SaveForm>
  );
}
