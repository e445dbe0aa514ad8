import { Suspense } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useLogout, useSession } from '../api/session';
import { LanguageSwitch } from '../components/language-switch';
import { useUserLanguage } from '../i18n/use-language';
import { PageLoader } from '../components/page-loader';
import { screensFor } from '../screens';
import { useUser } from './session-gate';

/** Header with burger (phones), menu of the screens this role may open, language switch and logout. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  useUserLanguage(useSession().data?.lang);
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const logout = useLogout();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={4}>{t('app.title')}</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch loggedIn />
            <Text size="sm" c="dimmed" visibleFrom="md">
              {user.email}
            </Text>
            <Button size="xs" variant="subtle" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {screensFor(user.role).map((screen) => (
          <NavLink
            key={screen.path}
            component={Link}
            to={`/${screen.path}`}
            label={t(`nav.${screen.nav}`)}
            active={pathname.startsWith(`/${screen.path}`)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
