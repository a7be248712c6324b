import { Badge, Tooltip } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useLiveState } from '../lib/live';

/**
 * Says so when live updates are lost and the screen may be out of date (it refreshes itself less often
 * meanwhile). Nothing while they work, nor while the page is still connecting: it never flickers on a load.
 */
export function LiveIndicator() {
  const state = useLiveState();
  if (state !== 'down') return null;
  return (
    <Tooltip label="Changes made on other screens may not show until the connection is back" withArrow>
      <Badge
        color="orange"
        variant="light"
        leftSection={<IconPlugConnectedX size={14} aria-hidden />}
        role="status"
        data-testid="live-indicator"
      >
        Not live — may be out of date
      </Badge>
    </Tooltip>
  );
}
