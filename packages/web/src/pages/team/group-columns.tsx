// The groups table's columns: name (opens the group), description, number of members, Open.
import { Anchor, Text } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { Link } from 'react-router-dom';
import type { DataColumn } from '../../components/data-table';
import { RowButton } from '../../components/row-actions';

const groupPath = (group: UserGroup) => `/team/groups/${encodeURIComponent(group.id)}`;

export const GROUP_COLUMNS: DataColumn<UserGroup>[] = [
  {
    header: 'Name',
    cell: (group) => (
      <Anchor component={Link} to={groupPath(group)} fw={500} size="sm">
        {group.name}
      </Anchor>
    ),
  },
  {
    header: 'Description',
    cell: (group) => (
      <Text size="sm" c={group.description ? undefined : 'dimmed'} lineClamp={2}>
        {group.description ?? '—'}
      </Text>
    ),
  },
  { header: 'Members', cell: (group) => <Text size="sm">{group.users.length}</Text> },
  {
    header: 'Actions',
    hideHeader: true,
    cellProps: { ta: 'right' },
    cell: (group) => (
      <RowButton to={groupPath(group)} label={`Open group ${group.name}`}>
        Open
      </RowButton>
    ),
  },
];
