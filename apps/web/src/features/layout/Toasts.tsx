import { useNotifications } from '@mantine/notifications';
import { lazy, Suspense, useState } from 'react';

const Notifications = lazy(() => import('./Notifications').then((m) => ({ default: m.AppNotifications })));

/**
 * The toasts (lib/save/notice.tsx). Their code (Mantine's notifications, with their stylesheet) loads with the first
 * toast, not with the first page: until then only the notifications store is here, and a toast shown while the
 * code loads waits in it and appears as soon as it is mounted.
 */
export function Toasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <Notifications />
    </Suspense>
  );
}
