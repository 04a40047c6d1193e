// The members of a group: name (opens the user), email, role, and Remove behind a confirmation.
import { Anchor, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { GroupMember, UserGroup } from '@teamset/contract';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { groupsApi } from '../../api/groups-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { RoleBadge } from '../../components/role-badge';
import { notifySuccess } from '../../lib/notify';

export function GroupMembersTable({ group, onChanged }: { group: UserGroup; onChanged: (next: UserGroup) => void }) {
  const [removing, setRemoving] = useState<GroupMember | undefined>(undefined);
  const remove = async () => {
    if (!removing) return;
    const next = await groupsApi.removeUsers(group.id, [removing.id]);
    notifySuccess(`${removing.name} was removed from ${next.name}`);
    onChanged(next);
  };
  return (
    <>
      <Table.ScrollContainer minWidth={560} mt="md">
        <Table verticalSpacing="xs" aria-label={`Members of ${group.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.users.map((member) => (
              <Table.Tr key={member.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/team/users/${encodeURIComponent(member.id)}`} size="sm" fw={500}>
                    {member.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{member.email}</Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={member.role} />
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    color="red"
                    variant="subtle"
                    size="xs"
                    onClick={() => setRemoving(member)}
                    aria-label={`Remove ${member.email} from the group`}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={removing !== undefined}
        title="Remove from group?"
        confirmLabel="Remove"
        danger
        onConfirm={remove}
        onClose={() => setRemoving(undefined)}
      >
        <Text size="sm">
          {removing?.name} leaves {group.name} and loses the dataset access the group gives, at once. Their own grants
          and role stay as they are.
        </Text>
      </ConfirmDialog>
    </>
  );
}
