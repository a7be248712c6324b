import { Card, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AllergyItem } from '../../components/AllergyAlert';
import { readsClinicalFields } from '../../lib/roles';
import type { SessionUser } from '../../lib/session';
import { RecordTimeline } from './RecordTimeline';
import type { RecordItem } from './records';

/** The medical history card of the patient's chart; assistants are told they see summaries only. */
export function MedicalHistory({
  records,
  user,
  allergies,
}: {
  records: UseQueryResult<RecordItem[], unknown>;
  user: SessionUser;
  /** The patient's allergies, repeated at the top of the amendment and addendum forms. */
  allergies: readonly AllergyItem[];
}) {
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        Medical history
      </Title>
      {readsClinicalFields(user.role) ? null : (
        <Text size="sm" c="dimmed" mb="sm">
          Summaries only: clinical details are visible to veterinarians and administrators.
        </Text>
      )}
      <RecordTimeline records={records} user={user} allergies={allergies} />
    </Card>
  );
}
