import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';

/**
 * The toasts (lib/save/notice.tsx): a chunk of its own, loaded after the first paint (main.tsx). A toast shown
 * before it arrives waits in the notifications store and appears when it mounts.
 */
export function Toasts() {
  return <Notifications position="top-right" limit={4} />;
}
