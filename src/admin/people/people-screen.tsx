import { useState } from 'react';
import { Button, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TenantUser } from '../../common/protocol/users';
import { useUsers } from '../api/users';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { useUser } from '../layout/session-gate';
import { AddPersonModal } from './add-person-modal';
import { DisableModal } from './disable-modal';
import { EnableModal } from './enable-modal';
import { PeopleTable, type PersonAction } from './people-table';
import { PinModal } from './pin-modal';

/** The shop's people: admins log in here, cashiers and supervisors at the registers with a PIN. */
export function PeopleScreen() {
  const { t } = useTranslation();
  const me = useUser();
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<{ user: TenantUser; action: PersonAction } | null>(null);

  // The heading stays while loading or after a failure, so the owner knows which page did not load.
  if (users.isPending || users.isError) {
    return (
      <Stack>
        <Title order={2}>{t('people.title')}</Title>
        {users.isError ? (
          <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <PageLoader />
        )}
      </Stack>
    );
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('people.title')}</Title>
        <Button onClick={() => setAdding(true)}>{t('people.add')}</Button>
      </Group>
      <PeopleTable
        users={users.data.users}
        meId={me.id}
        onAction={(user, action) => setPending({ user, action })}
      />
      <AddPersonModal opened={adding} onClose={() => setAdding(false)} />
      <PinModal user={pending?.action === 'pin' ? pending.user : null} onClose={() => setPending(null)} />
      <DisableModal
        user={pending?.action === 'disable' ? pending.user : null}
        onClose={() => setPending(null)}
      />
      <EnableModal
        user={pending?.action === 'enable' ? pending.user : null}
        onClose={() => setPending(null)}
      />
    </Stack>
  );
}
