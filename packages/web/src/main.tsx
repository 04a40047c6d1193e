// Entry point: Mantine theme, toasts, the session and the router around the app's routes.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './focus.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './app-routes';
import { exploredDataset, prefetchExplore } from './pages/datasets/explore/explore-prefetch';
import { SessionProvider } from './session/session-provider';
import { cssVariablesResolver, theme } from './theme';

// A dataset's Samples tab opened by its address: its requests start now, while React mounts and the session is checked.
const explored = exploredDataset(window.location.pathname);
if (explored !== undefined) prefetchExplore(explored, window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('no #root element in index.html');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {/* Bottom right: the account menu lives in the top right corner and must stay reachable. */}
      <Notifications position="bottom-right" />
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </MantineProvider>
  </StrictMode>,
);
