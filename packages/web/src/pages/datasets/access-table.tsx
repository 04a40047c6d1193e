// The people with access: their role, their explicit grant (changeable, capped by role), effective access (and the groups it comes through), Remove.
import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Dataset, DatasetUserPermission } from '@teamset/contract';
import { useState } from 'react';
import { permissionsApi } from '../../api/permissions-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { RoleBadge } from '../../components/role-badge';
import { notifySuccess } from '../../lib/notify';
import { EffectiveAccess } from './effective-access';
import { GrantSelect } from './grant-select';

export interface AccessTableProps {
  dataset: Dataset;
  users: DatasetUserPermission[];
  /** The groups a person's effective access comes through ([] when unknown which), undefined when not through a group. */
  throughGroups: (entry: DatasetUserPermission) => string[] | undefined;
  onChanged: () => void;
}

export function AccessTable({ dataset, users, throughGroups, onChanged }: AccessTableProps) {
  const [removing, setRemoving] = useState<DatasetUserPermission | undefined>(undefined);
  const remove = async () => {
    if (!removing) return;
    await permissionsApi.removeUser(dataset.name, removing.user.id);
    notifySuccess(`${removing.user.name}’s grant was removed`);
    onChanged();
  };
  if (users.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nobody but admins can see this dataset yet.
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label="People with access">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Granted</Table.Th>
              <Table.Th>Effective</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((entry) => (
              <Table.Tr key={entry.user.id}>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" fw={500}>
                      {entry.user.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {entry.user.email}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={entry.user.role} />
                </Table.Td>
                <Table.Td>
                  <GrantSelect dataset={dataset} entry={entry} onChanged={onChanged} />
                </Table.Td>
                <Table.Td>
                  <EffectiveAccess permission={entry.activePermission} groups={throughGroups(entry)} />
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    {entry.userPermission !== null ? (
                      <Button
                        color="red"
                        variant="subtle"
                        size="xs"
                        onClick={() => setRemoving(entry)}
                        aria-label={`Remove ${entry.user.email}`}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={removing !== undefined}
        title="Remove access?"
        confirmLabel="Remove"
        danger
        onConfirm={remove}
        onClose={() => setRemoving(undefined)}
      >
        <Text size="sm">
          {removing?.user.name} loses the access granted to them here.{' '}
          {removing?.user.role === 'MEMBER'
            ? 'As a member they keep the default access for members.'
            : 'They will no longer see the dataset unless their role gives them access.'}
        </Text>
      </ConfirmDialog>
    </>
  );
}
