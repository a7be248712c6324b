import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconAlertCircle, IconClockHour4, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { PasswordField } from '../../components/PasswordField';
import { retryAfterSeconds, toProblem } from '../../lib/errors';
import { formatDuration } from '../../lib/format';
import { meQuery } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';

const route = getRouteApi('/login');

const formatWait = (seconds: number) =>
  seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : formatDuration(Math.ceil(seconds / 60));

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const ticker = useInterval(() => setNow(Date.now()), 1000);

  useEffect(() => {
    if (waitUntil) ticker.start();
    return ticker.stop;
  }, [waitUntil, ticker]);

  const secondsLeft = waitUntil ? Math.max(0, Math.ceil((waitUntil - now) / 1000)) : 0;
  useEffect(() => {
    if (waitUntil && secondsLeft === 0) setWaitUntil(null);
  }, [waitUntil, secondsLeft]);

  // Not a save (lib/save/useSave): here UNAUTHORIZED is a wrong password, not an ended session; the refusal is
  // one generic message for the whole form (never a field's, so as not to tell which part was wrong) or a
  // throttling countdown, both shown in the page, and a toast would only repeat them.
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (data) => {
        queryClient.setQueryData(meQuery(trpc).queryKey, {
          user: {
            id: data.user.id,
            username: data.user.username,
            fullName: data.user.fullName,
            email: data.user.email,
            role: data.user.role,
          },
          sessionExpired: false,
        });
        await navigate({ href: search.redirect ?? '/today', replace: true });
      },
      onError: (err) => {
        const problem = toProblem(err);
        const wait = retryAfterSeconds(problem);
        if (problem.code === 'TOO_MANY_REQUESTS' && wait) {
          setWaitUntil(Date.now() + wait * 1000);
          setNow(Date.now());
          setError(null);
        } else if (problem.code === 'UNAUTHORIZED' || problem.code === 'BAD_REQUEST') {
          setError('Incorrect username or password.');
        } else {
          setError(problem.message);
        }
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: typeof missing = {};
    if (!username.trim()) m.username = 'Enter your username';
    if (!password) m.password = 'Enter your password';
    setMissing(m);
    if (m.username || m.password) return;
    setError(null);
    login.mutate({ username: username.trim(), password });
  };

  return (
    <Center mih="100vh" p="md" bg="gray.1">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack gap="md">
            <div>
              <Title order={1} id="sign-in-title" size="h2">
                Sign in to VetFlow
              </Title>
              <Text c="dimmed" size="sm">
                Appointments, patients and records of the clinic.
              </Text>
            </div>
            {search.expired && !error && !waitUntil && (
              <Alert color="yellow" icon={<IconInfoCircle />} title="Your session has ended" role="status">
                It expired after a period without activity or was signed out from elsewhere. Sign in again to
                continue where you were.
              </Alert>
            )}
            {error && (
              <Alert color="red" icon={<IconAlertCircle />} role="alert" title="Sign-in failed">
                {error}
              </Alert>
            )}
            {waitUntil && (
              <Alert color="orange" icon={<IconClockHour4 />} role="alert" title="Too many failed sign-ins">
                For security, please wait {formatWait(Math.max(1, secondsLeft))} before trying again.
              </Alert>
            )}
            <TextInput
              label="Username"
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={missing.username}
              required
            />
            <PasswordField
              label="Password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={missing.password}
              required
            />
            <Button type="submit" loading={login.isPending} disabled={!!waitUntil} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
