// The users of one page: name, email, role (changeable), joined, and Open / Remove.
import { Anchor, Button, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import type { User } from '@teamset/contract';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { usersApi } from '../../api/users-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useCurrentUser } from '../../session/session-context';
import { RoleSelect } from './role-select';

export function UsersTable({ users, onChanged }: { users: User[]; onChanged: () => void }) {
  const me = useCurrentUser();
  const [removing, setRemoving] = useState<User | undefined>(undefined);

  const remove = async () => {
    if (!removing) return;
    await usersApi.delete(removing.id);
    notifySuccess(`${removing.name} was removed from the team`);
    onChanged();
  };

  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => {
              const self = user.id === me.id;
              return (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/team/users/${encodeURIComponent(user.id)}`} fw={500} size="sm">
                      {user.name}
                    </Anchor>
                    {self ? (
                      <Text span size="xs" c="dimmed" ml={6}>
                        (you)
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{user.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleSelect
                      user={user}
                      disabledReason={self ? 'Ask another admin to change your own role' : undefined}
                      onChanged={onChanged}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(user.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        component={Link}
                        to={`/team/users/${encodeURIComponent(user.id)}`}
                        variant="default"
                        size="xs"
                        aria-label={`Open ${user.name}`}
                      >
                        Open
                      </Button>
                      <Tooltip label="You cannot remove yourself" disabled={!self} withArrow>
                        {/* A disabled button gets no pointer events: the wrapper shows the reason on hover. */}
                        <span>
                          <Button
                            color="red"
                            variant="light"
                            size="xs"
                            disabled={self}
                            onClick={() => setRemoving(user)}
                            aria-label={`Remove ${user.name}`}
                          >
                            Remove
                          </Button>
                        </span>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={removing !== undefined}
        title="Remove user?"
        confirmLabel="Remove user"
        danger
        onConfirm={remove}
        onClose={() => setRemoving(undefined)}
      >
        <Text size="sm">
          {removing?.name} ({removing?.email}) will be signed out, their API keys will stop working at once, and their
          dataset access will be removed. This cannot be undone.
        </Text>
      </ConfirmDialog>
    </>
  );
}
