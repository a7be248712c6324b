import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';

/** The toasts' container (Toasts.tsx mounts it with the first toast). */
export function AppNotifications() {
  return <Notifications position="top-right" limit={4} />;
}
