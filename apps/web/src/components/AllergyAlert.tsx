import { Alert, Group, List, Text } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle } from '@tabler/icons-react';
import type { AllergySeverity } from '@vetflow/schema/values';

export interface AllergyItem {
  allergen: string;
  severity: AllergySeverity;
  reaction?: string | null | undefined;
}

const RANK: Record<AllergySeverity, number> = { 'life-threatening': 0, severe: 1, moderate: 2, mild: 3 };
export const isSevere = (s: AllergySeverity) => s === 'severe' || s === 'life-threatening';

/** Most severe first. */
export const sortAllergies = <A extends { severity: AllergySeverity }>(allergies: readonly A[]) =>
  [...allergies].sort((a, b) => RANK[a.severity] - RANK[b.severity]);

/**
 * The allergy alert: always shown when the patient has allergies (chart header and visit form). Severe and
 * life-threatening ones make it red and come first, in bold.
 */
export function AllergyAlert({
  allergies,
  compact,
}: {
  allergies: readonly AllergyItem[];
  compact?: boolean;
}) {
  if (allergies.length === 0) return null;
  const severe = allergies.some((a) => isSevere(a.severity));
  const sorted = sortAllergies(allergies);
  return (
    <Alert
      color={severe ? 'red.9' : 'yellow'}
      variant={severe ? 'filled' : 'light'}
      icon={severe ? <IconAlertOctagon /> : <IconAlertTriangle />}
      title={`Allergy alert: ${sorted.map((a) => a.allergen).join(', ')}`}
      role="alert"
      aria-label="Allergy alert"
      data-testid="allergy-alert"
      p={compact ? 'xs' : undefined}
    >
      <List size="sm" spacing={2} c={severe ? 'white' : undefined}>
        {sorted.map((a) => (
          <List.Item key={`${a.allergen}-${a.severity}`}>
            <Group gap={6} wrap="wrap">
              <Text span fw={isSevere(a.severity) ? 800 : 600} size="sm" c="inherit">
                {a.allergen}
              </Text>
              <Text span size="sm" c="inherit" tt="uppercase" fw={isSevere(a.severity) ? 800 : 500}>
                {a.severity}
              </Text>
              {a.reaction ? (
                <Text span size="sm" c="inherit">
                  — {a.reaction}
                </Text>
              ) : null}
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
