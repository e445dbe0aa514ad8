import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../common/protocol/auth';

export interface Screen {
  path: string;
  /** Key under `nav` in the translations. */
  nav: 'registers' | 'catalog' | 'stock' | 'people' | 'reports' | 'settings' | 'tenants';
  roles: readonly Role[];
  Component: LazyExoticComponent<ComponentType>;
}

/** Every screen behind the login, in menu order; each is its own chunk. */
export const screens: readonly Screen[] = [
  {
    path: 'registers',
    nav: 'registers',
    roles: ['owner', 'admin'],
    Component: lazy(() =>
      import('./registers/registers-screen').then((m) => ({ default: m.RegistersScreen })),
    ),
  },
  {
    path: 'catalog',
    nav: 'catalog',
    roles: ['owner', 'admin'],
    Component: lazy(() => import('./catalog/catalog-screen').then((m) => ({ default: m.CatalogScreen }))),
  },
  {
    path: 'stock',
    nav: 'stock',
    roles: ['owner', 'admin'],
    Component: lazy(() => import('./stock/stock-screen').then((m) => ({ default: m.StockScreen }))),
  },
  {
    path: 'people',
    nav: 'people',
    roles: ['owner', 'admin'],
    Component: lazy(() => import('./people/people-screen').then((m) => ({ default: m.PeopleScreen }))),
  },
  {
    path: 'reports',
    nav: 'reports',
    roles: ['owner', 'admin'],
    Component: lazy(() => import('./reports/reports-screen').then((m) => ({ default: m.ReportsScreen }))),
  },
  {
    path: 'settings',
    nav: 'settings',
    roles: ['owner', 'admin'],
    Component: lazy(() => import('./settings/settings-screen').then((m) => ({ default: m.SettingsScreen }))),
  },
  {
    path: 'tenants',
    nav: 'tenants',
    roles: ['superadmin'],
    Component: lazy(() => import('./tenants/tenants-screen').then((m) => ({ default: m.TenantsScreen }))),
  },
];

export function screensFor(role: Role): Screen[] {
  return screens.filter((screen) => screen.roles.includes(role));
}
