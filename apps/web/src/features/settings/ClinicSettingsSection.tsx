import { Card, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { type RouterOutputs, useTRPC } from '../../lib/trpc';
import { useFollowedVersion } from './useFollowedVersion';

export type ClinicSettings = RouterOutputs['schedule']['settings'];

/**
 * A section of the clinic settings with a form of its own (opening hours, triage): its card and title, and the
 * version its form edits. The form is made afresh for a newer version only while it holds no unsaved edits
 * (useFollowedVersion); it reports them through `onDirty` (useReportDirty).
 */
export function ClinicSettingsSection({
  title,
  children: form,
}: {
  title: string;
  children: (settings: ClinicSettings, onDirty: (dirty: boolean) => void) => ReactNode;
}) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.schedule.settings.queryOptions());
  const { shown, setDirty } = useFollowedVersion(settings.data);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {shown ? (
        <Fragment key={shown.updatedAt.getTime()}>{form(shown, setDirty)}</Fragment>
      ) : (
        <Text c="dimmed">Loading…</Text>
      )}
    </Card>
  );
}
