import { Box, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useLiveState, useLiveUpdates } from '../../lib/live';
import { forgetSession } from '../../lib/session';
import { type RouterOutputs, useTRPC } from '../../lib/trpc';
import { useNow } from '../today/useNow';
import classes from './Board.module.css';
import { formatWait, minutesSince, serverOffsetMs } from './boardClock';

type Entry = RouterOutputs['board']['today']['patients'][number];

/** Refetched this often even while live, so "ready for pick-up" leaves the board on time without any change. */
const BOARD_REFRESH_MS = 60_000;
/** …and this often while live updates are down. */
const BOARD_REFRESH_OFFLINE_MS = 15_000;

const COLUMNS: { state: Entry['state']; title: string; empty: string; since: string; justNow: string }[] = [
  { state: 'waiting', title: 'Waiting', empty: 'Nobody waiting', since: 'waiting', justNow: 'just arrived' },
  {
    state: 'in_consult',
    title: 'With the vet',
    empty: 'No consults',
    since: 'in for',
    justNow: 'just called in',
  },
  {
    state: 'ready',
    title: 'Ready for pick-up',
    empty: 'Nobody to collect',
    since: 'ready',
    justNow: 'just now',
  },
];

const sinceText = (column: (typeof COLUMNS)[number], minutes: number) =>
  minutes < 1 ? column.justNow : `${column.since} ${formatWait(minutes)}`;

const clockFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The waiting-room board: full screen, large type, high contrast, for a TV. Today's patients by pet name and
 * species, in three columns (waiting, with the vet, ready for pick-up) with how long, on the server's clock.
 * Nothing of owners or visits: the API sends none. It follows the clinic through live updates, and refreshes
 * itself every minute (and every 15 s while live updates are down).
 */
export function BoardPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useLiveUpdates();
  const live = useLiveState();
  const now = useNow(15_000);
  const board = useQuery({
    ...trpc.board.today.queryOptions(),
    refetchInterval: live === 'down' ? BOARD_REFRESH_OFFLINE_MS : BOARD_REFRESH_MS,
    refetchIntervalInBackground: true,
  });
  const signOut = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        forgetSession({ queryClient, trpc }, false);
        await navigate({ to: '/login', search: { redirect: '/board' } });
      },
    }),
  );
  const offset = board.data ? serverOffsetMs(board.data.now, board.dataUpdatedAt) : 0;
  const serverNow = new Date(now.getTime() + offset);
  const patients = board.data?.patients ?? [];

  return (
    <Box className={classes.board} component="main">
      <Group justify="space-between" align="baseline" className={classes.header}>
        <Title order={1} className={classes.title}>
          Waiting room
        </Title>
        <Group gap="xl" align="baseline">
          {live === 'down' && (
            <Text className={classes.stale} role="status" data-testid="live-indicator">
              Reconnecting — may be out of date
            </Text>
          )}
          <Text className={classes.clock} aria-label="Time now">
            {clockFmt.format(serverNow)}
          </Text>
        </Group>
      </Group>
      {board.isError && !board.data ? (
        <Text className={classes.empty} role="alert">
          The board cannot be shown right now. It will try again by itself.
        </Text>
      ) : (
        <SimpleGrid cols={3} spacing="xl" className={classes.columns}>
          {COLUMNS.map((column) => {
            const entries = patients.filter((p) => p.state === column.state);
            return (
              <section
                key={column.state}
                aria-labelledby={`board-${column.state}`}
                className={classes.column}
              >
                <Title order={2} id={`board-${column.state}`} className={classes.columnTitle}>
                  {column.title} <span className={classes.count}>{entries.length}</span>
                </Title>
                {entries.length === 0 ? (
                  <Text className={classes.empty}>{board.isPending ? '…' : column.empty}</Text>
                ) : (
                  <Stack component="ul" gap="md" className={classes.list}>
                    {entries.map((entry) => (
                      <li key={entry.appointmentId} className={classes.entry} aria-label={entry.petName}>
                        <Text className={classes.pet}>{entry.petName}</Text>
                        <Group justify="space-between" wrap="nowrap">
                          <Text className={classes.species}>{entry.species}</Text>
                          <Text className={classes.since}>
                            {sinceText(column, minutesSince(entry.since, now.getTime(), offset))}
                          </Text>
                        </Group>
                      </li>
                    ))}
                  </Stack>
                )}
              </section>
            );
          })}
        </SimpleGrid>
      )}
      <Button variant="subtle" size="xs" className={classes.signOut} onClick={() => signOut.mutate()}>
        Sign out
      </Button>
    </Box>
  );
}
