import { Alert, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useReconnecting } from '../../lib/connection';

/**
 * While the server or its database is out of reach: one calm notice instead of an error on every screen.
 * It asks the open screens again every few seconds and disappears with the first answer.
 */
export function ReconnectingBanner() {
  const reconnecting = useReconnecting();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!reconnecting) return;
    const timer = setInterval(() => void queryClient.refetchQueries({ type: 'active' }), 3000);
    return () => clearInterval(timer);
  }, [reconnecting, queryClient]);
  if (!reconnecting) return null;
  return (
    <Alert
      role="status"
      color="yellow"
      icon={<Loader size="xs" color="yellow" />}
      title="Reconnecting…"
      style={{ position: 'fixed', bottom: 16, left: '50%', transform: 'translateX(-50%)', zIndex: 1000 }}
    >
      The database is unavailable for a moment. Your work is safe; try saving again once this message is gone.
    </Alert>
  );
}
