import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  crumbs,
  actions,
  badges,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  crumbs?: ReactNode[];
  actions?: ReactNode;
  badges?: ReactNode;
}) {
  return (
    <Stack gap={4} mb="md">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumbs aria-label="Breadcrumb" separator="›" fz="sm">
          {crumbs}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Group gap="xs" align="center">
            <Title order={1}>{title}</Title>
            {badges}
          </Group>
          {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
        </div>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}

export { Anchor };
