import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import type { UserRole } from '@vetflow/schema/values';
import { NotFound, RouteError, RoutePending } from './components/RouteStates';
import { LoginPage } from './features/auth/LoginPage';
import { prefetchToday } from './features/today/todayQueries';
import { can, type ProcedurePath } from './lib/roles';
import { parseSearch, stringifySearch } from './lib/search-params';
import { loadMe } from './lib/session';
import type { Api } from './lib/trpc';

/** What route guards and loaders use: the query client and the tRPC options (components use hooks instead). */
type RouterContext = Api;

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

export interface LoginSearch {
  redirect?: string | undefined;
  expired?: boolean | undefined;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (s: Record<string, unknown>): LoginSearch => ({
    redirect: str(s.redirect)?.startsWith('/') ? str(s.redirect) : undefined,
    expired:
      s.expired === true || s.expired === 'true' || s.expired === 1 || s.expired === '1' ? true : undefined,
  }),
  beforeLoad: async ({ context, search }) => {
    const me = await loadMe(context);
    if (me.user) throw redirect({ href: search.redirect ?? '/today' });
  },
  // Part of the entry, not a chunk of its own: the first screen of most visits, and small.
  component: LoginPage,
});

/** The auth guard: everything below needs a signed-in user; an expired session returns to sign-in with a notice. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await loadMe(context);
    if (!me.user) {
      throw redirect({
        to: '/login',
        search: {
          redirect: location.href === '/' ? undefined : location.href,
          expired: me.sessionExpired || undefined,
        },
      });
    }
    // A waiting-room display sees the board and nothing else.
    if (me.user.role === 'display') throw redirect({ to: '/board' });
    return { user: me.user };
  },
  // The app's shell is a chunk of its own: the sign-in page does not load it.
  component: lazyRouteComponent(() => import('./features/layout/AppLayout'), 'AppLayout'),
  errorComponent: RouteError,
});

/**
 * The waiting-room board: full screen, outside the app's shell (no navigation, no idle warning: a display account's
 * session has no idle end). A display account lands here; staff may open it too.
 */
const boardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'board',
  beforeLoad: async ({ context }) => {
    const me = await loadMe(context);
    if (!me.user) {
      throw redirect({
        to: '/login',
        search: { redirect: '/board', expired: me.sessionExpired || undefined },
      });
    }
    if (!can(me.user.role, 'board.today')) throw redirect({ to: '/today' });
  },
  component: lazyRouteComponent(() => import('./features/board/BoardPage'), 'BoardPage'),
  errorComponent: RouteError,
});

/** Screens built around one procedure: a role that may not call it is sent to Today (the server refuses it anyway). */
const requireAccessTo =
  (path: ProcedurePath) =>
  ({ context }: { context: { user?: { role: UserRole } } }) => {
    if (!can(context.user?.role, path)) throw redirect({ to: '/today' });
  };

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/today' });
  },
});

const todayRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'today',
  // The day's data is asked for while the page's code loads, in one batch, not once the page has rendered.
  loader: ({ context }) => prefetchToday(context),
  component: lazyRouteComponent(() => import('./features/today/TodayPage'), 'TodayPage'),
});

export interface CalendarSearch {
  date?: string | undefined;
  view?: 'day' | 'week' | undefined;
  vet?: string | undefined;
}
const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'calendar',
  validateSearch: (s: Record<string, unknown>): CalendarSearch => ({
    date: /^\d{4}-\d{2}-\d{2}$/.test(String(s.date ?? '')) ? String(s.date) : undefined,
    view: s.view === 'week' ? 'week' : s.view === 'day' ? 'day' : undefined,
    vet: str(s.vet),
  }),
  component: lazyRouteComponent(() => import('./features/calendar/CalendarPage'), 'CalendarPage'),
});

export interface OwnersSearch {
  q?: string | undefined;
  status?: 'active' | 'inactive' | 'all' | undefined;
}
const ownersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'owners',
  validateSearch: (s: Record<string, unknown>): OwnersSearch => ({
    q: str(s.q),
    status: s.status === 'inactive' || s.status === 'all' ? s.status : undefined,
  }),
  component: lazyRouteComponent(() => import('./features/owners/OwnersPage'), 'OwnersPage'),
});

const ownerNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'owners/new',
  component: lazyRouteComponent(() => import('./features/owners/OwnerFormPage'), 'OwnerCreatePage'),
});

const ownerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'owners/$ownerId',
  component: lazyRouteComponent(() => import('./features/owners/OwnerPage'), 'OwnerPage'),
});

const ownerEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'owners/$ownerId/edit',
  component: lazyRouteComponent(() => import('./features/owners/OwnerFormPage'), 'OwnerEditPage'),
});

const petNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'owners/$ownerId/pets/new',
  component: lazyRouteComponent(() => import('./features/patients/PatientFormPage'), 'PatientCreatePage'),
});

export interface PatientSearch {
  book?: boolean | undefined;
}
const patientRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'patients/$patientId',
  validateSearch: (s: Record<string, unknown>): PatientSearch => ({
    book: s.book === true || s.book === 'true' || s.book === 1 ? true : undefined,
  }),
  component: lazyRouteComponent(() => import('./features/patients/PatientPage'), 'PatientPage'),
});

const patientEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'patients/$patientId/edit',
  component: lazyRouteComponent(() => import('./features/patients/PatientFormPage'), 'PatientEditPage'),
});

export interface VisitSearch {
  appointmentId?: string | undefined;
}
const visitNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'patients/$patientId/visits/new',
  validateSearch: (s: Record<string, unknown>): VisitSearch => ({ appointmentId: str(s.appointmentId) }),
  beforeLoad: requireAccessTo('medicalRecords.create'),
  component: lazyRouteComponent(() => import('./features/medical-records/VisitFormPage'), 'VisitFormPage'),
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/users',
  beforeLoad: requireAccessTo('users.list'),
  component: lazyRouteComponent(() => import('./features/users/UsersPage'), 'UsersPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/settings',
  beforeLoad: requireAccessTo('schedule.updateSettings'),
  component: lazyRouteComponent(() => import('./features/settings/SettingsPage'), 'SettingsPage'),
});

export interface AuditSearch {
  user?: string | undefined;
  table?: string | undefined;
  record?: string | undefined;
  /** A name: the owner, pet or staff account the entries are about. */
  q?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}
const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/audit',
  validateSearch: (s: Record<string, unknown>): AuditSearch => ({
    user: str(s.user),
    table: str(s.table),
    record: str(s.record),
    q: str(s.q),
    action: str(s.action),
    from: str(s.from),
    to: str(s.to),
  }),
  beforeLoad: requireAccessTo('audit.list'),
  component: lazyRouteComponent(() => import('./features/audit/AuditPage'), 'AuditPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account',
  component: lazyRouteComponent(() => import('./features/auth/AccountPage'), 'AccountPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  boardRoute,
  appRoute.addChildren([
    indexRoute,
    todayRoute,
    calendarRoute,
    ownersRoute,
    ownerNewRoute,
    ownerRoute,
    ownerEditRoute,
    petNewRoute,
    patientRoute,
    patientEditRoute,
    visitNewRoute,
    usersRoute,
    settingsRoute,
    auditRoute,
    accountRoute,
  ]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    parseSearch,
    stringifySearch,
    defaultPreload: 'intent',
    defaultPendingComponent: RoutePending,
    defaultPendingMs: 150,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
