import { Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** The links of the trail that leads here (keyed elements, see crumbs.tsx). */
  crumbs?: ReactNode[];
  /** This page, last in the trail, not a link. */
  here?: string;
  actions?: ReactNode;
  badges?: ReactNode;
}

export function PageHeader({ title, subtitle, crumbs, here, actions, badges }: PageHeaderProps) {
  const trail = [
    ...(crumbs ?? []),
    here && (
      <Text key="here" size="sm">
        {here}
      </Text>
    ),
  ].filter(Boolean);
  return (
    <Stack gap={4} mb="md">
      {trail.length > 0 && (
        <Breadcrumbs aria-label="Breadcrumb" separator="›" fz="sm">
          {trail}
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
