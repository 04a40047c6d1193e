// The user groups with a grant on the dataset: name (opens the group, for admins), their permission (changeable), Remove.
import { Anchor, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Dataset, DatasetGroupPermission } from '@teamset/contract';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { permissionsApi } from '../../api/permissions-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { notifySuccess } from '../../lib/notify';
import { useCurrentUser } from '../../session/session-context';
import { GroupGrantSelect } from './group-grant-select';

export function GroupAccessTable({
  dataset,
  grants,
  onChanged,
}: {
  dataset: Dataset;
  grants: DatasetGroupPermission[];
  onChanged: () => void;
}) {
  const me = useCurrentUser();
  const [removing, setRemoving] = useState<DatasetGroupPermission | undefined>(undefined);
  const remove = async () => {
    if (!removing) return;
    await permissionsApi.removeGroup(dataset.name, removing.group.id);
    notifySuccess(`The grant to group ${removing.group.name} was removed`);
    onChanged();
  };
  if (grants.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No group has access to this dataset.
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" aria-label="Groups with access">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Permission</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grants.map((grant) => (
              <Table.Tr key={grant.group.id}>
                <Table.Td>
                  <Stack gap={0}>
                    {me.role === 'ADMIN' ? (
                      <Anchor
                        component={Link}
                        to={`/team/groups/${encodeURIComponent(grant.group.id)}`}
                        size="sm"
                        fw={500}
                      >
                        {grant.group.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" fw={500}>
                        {grant.group.name}
                      </Text>
                    )}
                    {grant.group.description ? (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {grant.group.description}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <GroupGrantSelect dataset={dataset} grant={grant} onChanged={onChanged} />
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button
                      color="red"
                      variant="subtle"
                      size="xs"
                      onClick={() => setRemoving(grant)}
                      aria-label={`Remove group ${grant.group.name}`}
                    >
                      Remove
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={removing !== undefined}
        title="Remove group access?"
        confirmLabel="Remove"
        danger
        onConfirm={remove}
        onClose={() => setRemoving(undefined)}
      >
        <Text size="sm">
          The members of {removing?.group.name} lose the access this group gave them here, at once. They keep what their
          role, the default and their own grants give.
        </Text>
      </ConfirmDialog>
    </>
  );
}
