import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TenantUser } from '../../common/protocol/users';
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
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('people.name')}</Table.Th>
            <Table.Th>{t('people.role')}</Table.Th>
            <Table.Th>{t('people.login')}</Table.Th>
            <Table.Th>{t('people.status')}</Table.Th>
            <Table.Th>{t('people.created')}</Table.Th>
            <Table.Th>{t('people.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...users].sort(byRole).map((user) => (
            <Table.Tr key={user.id} data-testid={`person-${user.name}`}>
              <Table.Td fw={500}>
                {user.name}
                {user.id === meId && (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    ({t('people.you')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={roleColor[user.role]} variant="light" miw="max-content">
                  {t(`people.roles.${user.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{user.email ?? t('people.pinLogin')}</Table.Td>
              <Table.Td>
                <Badge
                  color={user.active ? 'green' : 'gray'}
                  variant="light"
                  miw="max-content"
                  data-testid="person-status"
                >
                  {t(user.active ? 'people.active' : 'people.disabled')}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(user.createdAt)}</Table.Td>
              <Table.Td>
                {!user.active && user.role !== 'owner' && (
                  <Button size="xs" variant="light" onClick={() => onAction(user, 'enable')}>
                    {t('people.enable')}
                  </Button>
                )}
                {user.active && user.role !== 'owner' && user.id !== meId && (
                  <Group gap="xs" wrap="nowrap">
                    {(user.role === 'cashier' || user.role === 'supervisor') && (
                      <Button size="xs" variant="light" onClick={() => onAction(user, 'pin')}>
                        {t('people.setPin')}
                      </Button>
                    )}
                    <Button size="xs" variant="light" color="red" onClick={() => onAction(user, 'disable')}>
                      {t('people.disable')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
