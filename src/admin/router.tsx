import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoader } from './components/page-loader';
import { AppLayout } from './layout/app-layout';
import { SessionGate, useUser } from './layout/session-gate';
import { screens, screensFor, type Screen } from './screens';

const LoginScreen = lazy(() => import('./login/login-screen').then((m) => ({ default: m.LoginScreen })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoader />}>{children}</Suspense>;
}

/** The first screen this role may open. */
function Home() {
  const user = useUser();
  const first = screensFor(user.role)[0];
  return first ? <Navigate to={`/${first.path}`} replace /> : null;
}

/** A screen opened by a role it is not for (typed URL) goes back home instead of failing with 403s. */
function Guarded({ screen }: { screen: Screen }) {
  const user = useUser();
  if (!screen.roles.includes(user.role)) return <Navigate to="/" replace />;
  return <screen.Component />;
}

export function createRouter() {
  return createBrowserRouter(
    [
      {
        path: '/login',
        element: (
          <Lazy>
            <LoginScreen />
          </Lazy>
        ),
      },
      {
        element: (
          <SessionGate>
            <AppLayout />
          </SessionGate>
        ),
        children: [
          { index: true, element: <Home /> },
          ...screens.map((screen) => ({
            path: screen.path,
            element: (
              <Lazy>
                <Guarded screen={screen} />
              </Lazy>
            ),
          })),
          { path: '*', element: <Navigate to="/" replace /> },
        ],
      },
    ],
    { basename: '/admin' },
  );
}
