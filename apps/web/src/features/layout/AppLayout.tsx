import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Kbd,
  Menu,
  ScrollArea,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import '@mantine/spotlight/styles.css';
import { useDisclosure } from '@mantine/hooks';
import { ModalsProvider } from '@mantine/modals';
import {
  IconCalendar,
  IconCalendarEvent,
  IconChevronDown,
  IconHistory,
  IconLogout,
  IconSearch,
  IconSettings,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useDeferredValue } from 'react';
import { NavLinkLink } from '../../components/links';
import { roleLabel } from '../../lib/format';
import { useLiveUpdates } from '../../lib/live';
import { can } from '../../lib/roles';
import { forgetSession, useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import { IdleWarning } from '../auth/IdleWarning';
import { globalSearch } from './globalSearchStore';

const GlobalSearch = lazy(() => import('./GlobalSearch').then((m) => ({ default: m.GlobalSearch })));

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .slice(-2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

export function AppLayout() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure();
  // The shell and the page in it mount in a deferred render: React renders that in short slices instead of one
  // task that blocks the main thread (a few hundred milliseconds on a slow phone); the first pass renders nothing.
  const mounted = useDeferredValue(true, false);
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // One live updates stream per signed-in tab: screens refresh what a change concerns (lib/live.ts).
  useLiveUpdates();

  // Not a save (lib/save/useSave): signing out ends the session here whatever the server answers (a failed call
  // still leaves this browser signed out), so there is no refusal to show and no input to keep.
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        forgetSession({ queryClient, trpc }, false);
        await navigate({ to: '/login' });
      },
    }),
  );

  const nav = [
    { to: '/today', label: 'Today', icon: IconCalendarEvent, show: true },
    { to: '/calendar', label: 'Calendar', icon: IconCalendar, show: true },
    { to: '/owners', label: 'Owners & patients', icon: IconUsers, show: true },
    {
      to: '/admin/users',
      label: 'Staff accounts',
      icon: IconUsersGroup,
      show: can(user.role, 'users.list'),
    },
    {
      to: '/admin/settings',
      label: 'Clinic settings',
      icon: IconSettings,
      show: can(user.role, 'schedule.updateSettings'),
    },
    { to: '/admin/audit', label: 'Audit timeline', icon: IconHistory, show: can(user.role, 'audit.list') },
  ] as const;

  if (!mounted) return null;
  // The confirmations (components/confirm.tsx) are asked inside the signed-in app only.
  return (
    <ModalsProvider labels={{ confirm: 'Confirm', cancel: 'Cancel' }}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <a href="#main" className="vf-skip-link">
          Skip to content
        </a>
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <Title order={2} size="h3" c="indigo.8">
                VetFlow
              </Title>
            </Group>
            <UnstyledButton
              onClick={globalSearch.open}
              style={{
                border: '1px solid var(--mantine-color-gray-4)',
                borderRadius: 8,
                padding: '6px 10px',
                minWidth: 220,
              }}
              visibleFrom="xs"
            >
              <Group gap={8} wrap="nowrap" justify="space-between">
                <Group gap={6} wrap="nowrap">
                  <IconSearch size={16} aria-hidden />
                  <Text size="sm" c="dimmed">
                    Quick search
                  </Text>
                </Group>
                <Kbd size="xs">Ctrl K</Kbd>
              </Group>
            </UnstyledButton>
            <Menu position="bottom-end" width={220}>
              <Menu.Target>
                <UnstyledButton title="Account menu">
                  <Group gap={8} wrap="nowrap">
                    <Avatar color="indigo" radius="xl" size={32} aria-hidden>
                      {initials(user.fullName)}
                    </Avatar>
                    <div style={{ lineHeight: 1.1 }}>
                      <Text size="sm" fw={600}>
                        {user.fullName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {roleLabel(user.role)}
                      </Text>
                    </div>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Signed in as {user.username}</Menu.Label>
                <Menu.Item
                  leftSection={<IconUserCircle size={16} />}
                  onClick={() => navigate({ to: '/account' })}
                >
                  My account
                </Menu.Item>
                <Menu.Item
                  color="red"
                  leftSection={<IconLogout size={16} />}
                  onClick={() => logout.mutate()}
                  disabled={logout.isPending}
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </AppShell.Header>
        <IdleWarning onSignOut={() => logout.mutate()} />
        <AppShell.Navbar p="xs" aria-label="Main navigation">
          <AppShell.Section grow component={ScrollArea}>
            {nav
              .filter((n) => n.show)
              .map((n) => (
                <NavLinkLink
                  key={n.to}
                  to={n.to}
                  label={n.label}
                  leftSection={<n.icon size={18} aria-hidden />}
                  active={
                    pathname === n.to ||
                    pathname.startsWith(`${n.to}/`) ||
                    (n.to === '/owners' && pathname.startsWith('/patients'))
                  }
                  onClick={close}
                />
              ))}
          </AppShell.Section>
          <AppShell.Section>
            <NavLinkLink
              to="/account"
              label="My account"
              leftSection={<IconUserCircle size={18} aria-hidden />}
              active={pathname === '/account'}
              onClick={close}
            />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
        <Suspense fallback={null}>
          <GlobalSearch />
        </Suspense>
      </AppShell>
    </ModalsProvider>
  );
}
