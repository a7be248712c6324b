import { Button, Group, Modal, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { adaptToIdleWindow } from '../../lib/activity';
import { formatCountdown, isWarning, nextCheckIn } from '../../lib/idle';
import { useTRPC } from '../../lib/trpc';

/**
 * Warns before the session idles out: "You will be signed out in 1:45", with "Stay signed in" (restarts the
 * server's idle clock) and "Sign out". The end comes from the server (auth.expiry, which is not itself activity),
 * so work in another tab moves it and closes the warning here; when it passes, the refused check sends the app to
 * sign-in (main.tsx), which returns to the page, where the form's draft is restored.
 */
export function IdleWarning({ onSignOut }: { onSignOut: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const expiry = useQuery({ ...trpc.auth.expiry.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  const stay = useMutation(
    trpc.auth.staySignedIn.mutationOptions({
      onSuccess: (answer) => queryClient.setQueryData(trpc.auth.expiry.queryKey(), answer),
    }),
  );
  const [now, setNow] = useState(() => Date.now());
  const { data, dataUpdatedAt, refetch } = expiry;

  // Ask again when the answer says to (see nextCheckIn).
  useEffect(() => {
    if (!data) return;
    adaptToIdleWindow(data.idleTimeoutMs);
    const timer = setTimeout(() => void refetch(), nextCheckIn(data, dataUpdatedAt, Date.now()));
    return () => clearTimeout(timer);
  }, [data, dataUpdatedAt, refetch]);

  const warning = data !== undefined && isWarning(data);
  // The countdown ticks only while it shows.
  useEffect(() => {
    if (!warning) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [warning]);

  if (!data) return null;
  const left = dataUpdatedAt + data.idleRemainingMs - now;
  // Near the session's absolute end, staying cannot help: only the countdown is left.
  const canStay = data.absoluteRemainingMs > data.idleRemainingMs;
  return (
    <Modal
      opened={warning}
      onClose={() => stay.mutate()}
      title="Are you still there?"
      closeOnClickOutside={false}
      withCloseButton={false}
      centered
    >
      <Text role="timer" aria-live="polite">
        You will be signed out in <strong>{formatCountdown(left)}</strong> because of inactivity.
      </Text>
      <Text size="sm" c="dimmed" mt="xs">
        {canStay
          ? 'Unsaved input in open forms is kept on this computer as your draft and offered again after you sign in.'
          : 'Your session has reached its maximum length. Unsaved input is kept as your draft on this computer.'}
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onSignOut}>
          Sign out
        </Button>
        {canStay && (
          <Button data-autofocus loading={stay.isPending} onClick={() => stay.mutate()}>
            Stay signed in
          </Button>
        )}
      </Group>
    </Modal>
  );
}
