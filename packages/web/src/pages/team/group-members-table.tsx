// The members of a group: name (opens the user), email, role, and Remove behind a confirmation.
import { Anchor, Box, Text } from '@mantine/core';
import type { GroupMember, UserGroup } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { groupsApi } from '../../api/groups-api';
import { ConfirmRowDialog, useConfirmTarget } from '../../components/confirm-row-dialog';
import { DataTable } from '../../components/data-table';
import { RemoveButton } from '../../components/remove-button';
import { RoleBadge } from '../../components/role-badge';
import { notifySuccess } from '../../lib/notify';

export function GroupMembersTable({ group, onChanged }: { group: UserGroup; onChanged: (next: UserGroup) => void }) {
  const removing = useConfirmTarget<GroupMember>();
  return (
    <Box mt="md">
      <DataTable
        label={`Members of ${group.name}`}
        rows={group.users}
        rowKey={(member) => member.id}
        minWidth={560}
        empty="Nobody is in this group yet."
        columns={[
          {
            header: 'Name',
            cell: (member) => (
              <Anchor component={Link} to={`/team/users/${encodeURIComponent(member.id)}`} size="sm" fw={500}>
                {member.name}
              </Anchor>
            ),
          },
          { header: 'Email', cell: (member) => <Text size="sm">{member.email}</Text> },
          { header: 'Role', cell: (member) => <RoleBadge role={member.role} /> },
          {
            header: 'Actions',
            hideHeader: true,
            cellProps: { ta: 'right' },
            cell: (member) => (
              <RemoveButton onClick={() => removing.ask(member)} label={`Remove ${member.email} from the group`} />
            ),
          },
        ]}
      />
      <ConfirmRowDialog
        target={removing}
        title="Remove from group?"
        confirmLabel="Remove"
        onConfirm={async (member) => {
          const next = await groupsApi.removeUsers(group.id, [member.id]);
          notifySuccess(`${member.name} was removed from ${next.name}`);
          onChanged(next);
        }}
      >
        {(row) => (
          <Text size="sm">
            {row.name} leaves {group.name} and loses the dataset access the group gives, at once. Their own grants and
            role stay as they are.
          </Text>
        )}
      </ConfirmRowDialog>
    </Box>
  );
}
