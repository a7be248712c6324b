import { Modal, Paper, Skeleton, Text, Timeline } from '@mantine/core';
import { IconNotes } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AllergyItem } from '../../components/AllergyAlert';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime } from '../../lib/format';
import type { SessionUser } from '../../lib/session';
import { EditRecord } from './EditRecord';
import { RecordBody } from './RecordBody';
import { RecordButtons } from './RecordButtons';
import { RecordTitle } from './RecordTitle';
import type { RecordEdit, RecordItem } from './records';

export interface RecordTimelineProps {
  records: UseQueryResult<RecordItem[], unknown>;
  user: SessionUser;
  /** The patient's allergies, repeated at the top of the amendment and addendum forms. */
  allergies: readonly AllergyItem[];
  /** The patient's last recorded weight, which an amended weight is compared with. */
  lastWeightKg: number | null;
}

/** A patient's visits, newest first, each with its addenda; amendments and addenda are written in a modal. */
export function RecordTimeline({ records, user, allergies, lastWeightKg }: RecordTimelineProps) {
  const [editing, setEditing] = useState<RecordEdit | null>(null);
  // "Open record" links here with #record-<id>: brought into view once the history has loaded.
  const loaded = records.isSuccess;
  useEffect(() => {
    if (loaded && window.location.hash.startsWith('#record-')) {
      document.getElementById(window.location.hash.slice(1))?.scrollIntoView({ block: 'start' });
    }
  }, [loaded]);
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
            id={`record-${r.id}`}
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
        size={editing?.mode === 'amend' ? 'xl' : 'lg'}
        title={editing?.mode === 'amend' ? 'Amend the visit record' : 'Add an addendum'}
      >
        {editing && (
          <EditRecord
            key={editing.record.id + editing.mode}
            {...editing}
            allergies={allergies}
            lastWeightKg={lastWeightKg}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </>
  );
}
