// The user groups: name (opens the group), description and number of members.
import { Anchor, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { Link } from 'react-router-dom';

export function GroupsTable({ groups }: { groups: UserGroup[] }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Groups">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th>Members</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => {
            const to = `/team/groups/${encodeURIComponent(group.id)}`;
            return (
              <Table.Tr key={group.id}>
                <Table.Td>
                  <Anchor component={Link} to={to} fw={500} size="sm">
                    {group.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={group.description ? undefined : 'dimmed'} lineClamp={2}>
                    {group.description ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{group.users.length}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button component={Link} to={to} variant="default" size="xs" aria-label={`Open group ${group.name}`}>
                    Open
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
