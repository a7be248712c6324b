import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import type { DraftNoticeProps } from '../lib/drafts/useDraft';
import { formatDateTime } from '../lib/format';

/** Above a form whose unsaved input was brought back from its draft: when it was typed, and the way to drop it. */
export function DraftNotice({ notice }: { notice: DraftNoticeProps | null }) {
  if (!notice) return null;
  return (
    <Alert
      role="status"
      color="blue"
      icon={<IconRestore />}
      title={`Draft restored from ${formatDateTime(notice.savedAt)}`}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">
          What you typed then, but did not save, is back in the form. It is saved only when you save the form.
        </Text>
        <Button size="xs" variant="default" onClick={notice.discard} style={{ flexShrink: 0 }}>
          Discard draft
        </Button>
      </Group>
    </Alert>
  );
}
