import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReconnectingBanner } from './features/layout/ReconnectingBanner';
import { forgetSession } from './lib/session';
import { createApi, TRPCProvider } from './lib/trpc';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

const { trpcClient, queryClient, trpc } = createApi({ onUnauthorized: () => sessionEnded() });
const router = createAppRouter({ queryClient, trpc });

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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <ModalsProvider labels={{ confirm: 'Confirm', cancel: 'Cancel' }}>
            <RouterProvider router={router} />
            <ReconnectingBanner />
          </ModalsProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
