import './mantine.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { ReconnectingBanner } from './features/layout/ReconnectingBanner';
import { Toasts } from './features/layout/Toasts';
import { prefetchToday } from './features/today/todayQueries';
import { forgetSession, loadMe } from './lib/session';
import { createApi, SENT_BEFORE_SESSION_CHECK, TRPCProvider } from './lib/trpc';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

const { trpcClient, queryClient, trpc } = createApi({ onUnauthorized: () => sessionEnded() });
const router = createAppRouter({ queryClient, trpc });

// The first page's code (its lazy route chunks) starts loading now, beside the session check its guard waits for,
// not after it.
const { pathname } = window.location;
for (const route of router.getMatchedRoutes(pathname)[0]) {
  // A failure here is the router's to report when it loads the page.
  Promise.resolve(router.loadRouteChunk(route)).catch(() => undefined);
}

// The session check the route guards wait for starts now, not once the router has rendered; on Today (the first
// screen after sign-in) the day's data goes with it, in the same request.
// A failure is the guard's to handle when it asks again.
loadMe({ queryClient, trpc }).catch(() => undefined);
if (pathname === '/' || pathname === '/today')
  prefetchToday({ queryClient, trpc }, { [SENT_BEFORE_SESSION_CHECK]: true });

// A session that ends under the user (idle timeout, revoked elsewhere): back to sign-in, with a notice, and
// back to the same page after signing in again.
let redirecting = false;
function sessionEnded() {
  const { pathname, href } = router.state.location;
  if (redirecting || pathname === '/login') return;
  redirecting = true;
  forgetSession({ queryClient, trpc }, true);
  void router.navigate({ to: '/login', search: { redirect: href, expired: true } }).finally(() => {
    redirecting = false;
  });
}

// React's first render runs after the start-up requests above have gone out (tRPC sends a batch on a zero-delay
// timer, queued before this one): on a slow phone that render takes a while, and the requests need not wait for it.
// It is a transition, so React renders it in short slices rather than one long task.
const root = createRoot(document.getElementById('root')!);
setTimeout(() =>
  startTransition(() =>
    root.render(
      <StrictMode>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
          <Toasts />
          <QueryClientProvider client={queryClient}>
            <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
              <RouterProvider router={router} />
              <ReconnectingBanner />
            </TRPCProvider>
          </QueryClientProvider>
        </MantineProvider>
      </StrictMode>,
    ),
  ),
);
