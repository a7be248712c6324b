import { Card, Text, Title } from '@mantine/core';
import { readsClinicalFields } from '../../lib/roles';
import { RecordTimeline, type RecordTimelineProps } from './RecordTimeline';

/** The medical history card of the patient's chart; assistants are told they see summaries only. */
export function MedicalHistory(props: RecordTimelineProps) {
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        Medical history
      </Title>
      {readsClinicalFields(props.user.role) ? null : (
        <Text size="sm" c="dimmed" mb="sm">
          Summaries only: clinical details are visible to veterinarians and administrators.
        </Text>
      )}
      <RecordTimeline {...props} />
    </Card>
  );
}
