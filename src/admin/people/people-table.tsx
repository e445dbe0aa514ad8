import { Badge, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TenantUser } from '../../common/protocol/users';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { formatDate } from '../format';

export type PersonAction = 'pin' | 'disable' | 'enable';

const roleColor: Record<TenantUser['role'], string> = {
  owner: 'violet',
  admin: 'blue',
  supervisor: 'orange',
  cashier: 'teal',
};

/** Owner first, then admins, supervisors, cashiers; disabled people after the active ones of their role. */
const roleOrder: Record<TenantUser['role'], number> = { owner: 0, admin: 1, supervisor: 2, cashier: 3 };
function byRole(a: TenantUser, b: TenantUser): number {
  return (
    roleOrder[a.role] - roleOrder[b.role] ||
    Number(b.active) - Number(a.active) ||
    a.name.localeCompare(b.name)
  );
}

export function PeopleTable({
  users,
  meId,
  onAction,
}: {
  users: TenantUser[];
  meId: string;
  onAction: (user: TenantUser, action: PersonAction) => void;
}) {
  const { t } = useTranslation();
  if (users.length === 0) return <Text c="dimmed">{t('people.empty')}</Text>;
  const columns: ListColumn<TenantUser>[] = [
    {
      key: 'name',
      label: t('people.name'),
      title: true,
      render: (user) => (
        <>
          {user.name}
          {user.id === meId && (
            <Text span c="dimmed" size="sm">
              {' '}
              ({t('people.you')})
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'role',
      label: t('people.role'),
      render: (user) => (
        <Badge color={roleColor[user.role]} variant="light" miw="max-content">
          {t(`people.roles.${user.role}`)}
        </Badge>
      ),
    },
    {
      key: 'login',
      label: t('people.login'),
      render: (user) => (
        <Text span inherit style={{ wordBreak: 'break-all' }}>
          {user.email ?? t('people.pinLogin')}
        </Text>
      ),
    },
    {
      key: 'status',
      label: t('people.status'),
      render: (user) => (
        <Badge
          color={user.active ? 'green' : 'gray'}
          variant="light"
          miw="max-content"
          data-testid="person-status"
        >
          {t(user.active ? 'people.active' : 'people.disabled')}
        </Badge>
      ),
    },
    {
      key: 'created',
      label: t('people.created'),
      nowrap: true,
      render: (user) => formatDate(user.createdAt),
    },
  ];
  return (
    <ResponsiveList
      rows={[...users].sort(byRole)}
      columns={columns}
      rowKey={(user) => user.id}
      rowTestId={(user) => `person-${user.name}`}
      actionsLabel={t('people.actions')}
      actions={(user) => (
        <>
          {!user.active && user.role !== 'owner' && (
            <Button size="xs" variant="light" onClick={() => onAction(user, 'enable')}>
              {t('people.enable')}
            </Button>
          )}
          {user.active && user.role !== 'owner' && user.id !== meId && (
            <>
              {(user.role === 'cashier' || user.role === 'supervisor') && (
                <Button size="xs" variant="light" onClick={() => onAction(user, 'pin')}>
                  {t('people.setPin')}
                </Button>
              )}
              <Button size="xs" variant="light" color="red" onClick={() => onAction(user, 'disable')}>
                {t('people.disable')}
              </Button>
            </>
          )}
        </>
      )}
    />
  );
}
