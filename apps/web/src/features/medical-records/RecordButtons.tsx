import { Button, Group, Text } from '@mantine/core';
import { IconEdit, IconLock, IconPlus } from '@tabler/icons-react';
import { hasDraft } from '../../lib/drafts/useDraft';
import { formatDateTime } from '../../lib/format';
import { recordActions } from '../../lib/roles';
import type { SessionUser } from '../../lib/session';
import type { FullRecord, RecordEdit } from './records';

/** Amend (the author, within 24 hours) or add an addendum, as the user's role and the record's age allow. */
export function RecordButtons({
  record,
  user,
  onEdit,
}: {
  record: FullRecord;
  user: SessionUser;
  onEdit: (e: RecordEdit) => void;
}) {
  const allowed = recordActions(record, user);
  // A correction left unsaved (the session ended, the dialog was closed) is continued, not started afresh.
  const draft = (form: 'amend' | 'addendum') => hasDraft(user.id, { form, recordId: record.id });
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
            {draft('amend') ? 'Continue amendment (draft)' : 'Amend'}
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
          {draft('addendum') ? 'Continue addendum (draft)' : 'Add addendum'}
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
