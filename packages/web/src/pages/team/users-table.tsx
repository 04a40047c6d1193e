// The users of one page: name, email, role (changeable), joined, and Open / Remove, with the search and the pager.
import { Anchor, Badge, Text } from '@mantine/core';
import { DisabledReason } from '../../components/disabled-reason';
import type { User, UserPage } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { usersApi } from '../../api/users-api';
import { ConfirmRowDialog, useConfirmTarget } from '../../components/confirm-row-dialog';
import { DataTable } from '../../components/data-table';
import { RowActions, RowButton } from '../../components/row-actions';
import type { SearchPages } from '../../hooks/use-search-pages';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useCurrentUser } from '../../session/session-context';
import { RoleSelect } from './role-select';

const userPath = (user: User) => `/team/users/${encodeURIComponent(user.id)}`;

export function UsersTable({ users }: { users: SearchPages<UserPage> }) {
  const me = useCurrentUser();
  const removing = useConfirmTarget<User>();
  const onChanged = users.list.reload;

  return (
    <>
      <DataTable
        label="Users"
        rows={users.list.data?.users}
        rowKey={(user) => user.id}
        error={users.list.error}
        onRetry={onChanged}
        search={{ label: 'Search users', placeholder: 'Name or email', ...users.search }}
        count={{ total: users.list.data?.total ?? 0, noun: ['user', 'users'] }}
        pager={users.pager}
        minWidth={720}
        verticalSpacing="sm"
        highlightOnHover
        emptyCentered
        empty={users.query ? `No user matches “${users.query}”.` : 'No users yet.'}
        columns={[
          {
            header: 'Name',
            cell: (user) => (
              <>
                <Anchor component={Link} to={userPath(user)} fw={500} size="sm">
                  {user.name}
                </Anchor>
                {user.id === me.id ? (
                  <Text span size="xs" c="dimmed" ml={6}>
                    (you)
                  </Text>
                ) : null}
                {user.kind === 'service' ? (
                  <Badge size="xs" variant="outline" ml={6}>
                    Service account
                  </Badge>
                ) : null}
              </>
            ),
          },
          { header: 'Email', cell: (user) => <Text size="sm">{user.email}</Text> },
          {
            header: 'Role',
            cell: (user) => (
              <RoleSelect
                user={user}
                disabledReason={user.id === me.id ? 'Ask another admin to change your own role' : undefined}
                onChanged={onChanged}
              />
            ),
          },
          { header: 'Joined', cell: (user) => <Text size="sm">{formatDateTime(user.createdAt)}</Text> },
          {
            header: 'Actions',
            hideHeader: true,
            cell: (user) => (
              <RowActions>
                <RowButton to={userPath(user)} label={`Open ${user.name}`}>
                  Open
                </RowButton>
                <DisabledReason reason={user.id === me.id ? 'You cannot remove yourself' : undefined}>
                  <RowButton
                    color="red"
                    disabled={user.id === me.id}
                    onClick={() => removing.ask(user)}
                    label={`Remove ${user.name}`}
                  >
                    Remove
                  </RowButton>
                </DisabledReason>
              </RowActions>
            ),
          },
        ]}
      />
      <ConfirmRowDialog
        target={removing}
        title="Remove user?"
        confirmLabel="Remove user"
        onConfirm={async (user) => {
          await usersApi.delete(user.id);
          notifySuccess(`${user.name} was removed from the team`);
          onChanged();
        }}
      >
        {(row) => (
          <Text size="sm">
            {row.name} ({row.email}) will be signed out, their API keys will stop working at once, and their dataset
            access will be removed. This cannot be undone.
          </Text>
        )}
      </ConfirmRowDialog>
    </>
  );
}
