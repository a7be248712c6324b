import { notifications } from '@mantine/notifications';
import { IconCheck, IconX } from '@tabler/icons-react';

let counter = 0;

/** Said when the refusal is shown on the form itself (its fields, its alert), so the toast does not repeat it. */
export const SEE_THE_FORM = 'See the form for details.';

/**
 * The one wording of a save's progress: a spinner while it runs, which turns into the success or the refusal.
 * Every save in the app goes through this, so no click is left without an answer.
 */
export function showSaving(pending: string) {
  const id = `save-${++counter}`;
  notifications.show({
    id,
    loading: true,
    title: pending,
    message: 'Please wait…',
    autoClose: false,
    withCloseButton: false,
  });
  return {
    saved: (title: string) =>
      notifications.update({
        id,
        loading: false,
        color: 'green',
        title,
        message: '',
        icon: <IconCheck size={18} />,
        autoClose: 3000,
        withCloseButton: true,
      }),
    refused: (title: string, message: string) =>
      notifications.update({
        id,
        loading: false,
        color: 'red',
        title,
        message,
        icon: <IconX size={18} />,
        autoClose: 6000,
        withCloseButton: true,
      }),
    /** The session ended: sign-in says so; no error here. */
    dismiss: () => notifications.hide(id),
  };
}
