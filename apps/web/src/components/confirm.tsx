import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ReactNode } from 'react';

/** Asks before an action that is hard to take back: the question, what follows from it, and the two choices. */
export function confirmAction({
  title,
  message,
  confirmLabel,
  cancelLabel = 'Cancel',
  color = 'red',
  onConfirm,
  onDismiss,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  color?: string;
  onConfirm: () => void;
  /** Closed without confirming (cancel, Escape, the close button): where the user goes back to instead. */
  onDismiss?: () => void;
}) {
  let confirmed = false;
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{message}</Text>,
    labels: { confirm: confirmLabel, cancel: cancelLabel },
    confirmProps: { color },
    onConfirm: () => {
      confirmed = true;
      onConfirm();
    },
    // With onDismiss, focus goes where it says rather than back to the button that opened the dialog.
    returnFocus: !onDismiss,
    onClose: () => {
      // After the dialog has let go of the focus.
      if (!confirmed && onDismiss) requestAnimationFrame(onDismiss);
    },
  });
}
