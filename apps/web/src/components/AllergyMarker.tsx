import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AllergySeverity } from '@vetflow/schema/values';
import { isSevere } from './AllergyAlert';

/** A compact allergy marker for lists (the full alert lives on the chart and the visit form). */
export function AllergyMarker({
  allergies,
}: {
  allergies: { allergen: string; severity: AllergySeverity }[];
}) {
  if (allergies.length === 0) return null;
  const severe = allergies.some((a) => isSevere(a.severity));
  const text = allergies.map((a) => `${a.allergen} (${a.severity})`).join(', ');
  return (
    <Tooltip label={`Allergies: ${text}`} multiline maw={280}>
      <Badge
        color={severe ? 'red' : 'yellow'}
        variant="filled"
        size="sm"
        leftSection={<IconAlertTriangle size={12} aria-hidden />}
        aria-label={`Allergies: ${text}`}
        tabIndex={0}
      >
        Allergy
      </Badge>
    </Tooltip>
  );
}
