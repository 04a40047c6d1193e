// The datasets that grant a group a permission; grants are given and changed on each dataset's Access tab.
import { Anchor, Center, Loader, Paper, Table, Text, Title } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { groupsApi } from '../../api/groups-api';
import { LoadError } from '../../components/load-error';
import { PermissionBadge } from '../../components/permission-badge';
import { useApi } from '../../hooks/use-api';

export function GroupDatasets({ group }: { group: UserGroup }) {
  const grants = useApi(() => groupsApi.datasets(group.id), [group.id]);
  return (
    <Paper withBorder p="lg">
      <Title order={3} size="h4" mb="xs">
        Dataset access
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Each member gets the group’s permission, up to their role’s limit. Share a dataset with the group on the
        dataset’s Manage tab.
      </Text>
      {grants.error ? (
        <LoadError error={grants.error} onRetry={grants.reload} />
      ) : !grants.data ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading the group’s datasets" />
        </Center>
      ) : grants.data.datasets.length === 0 ? (
        <Text size="sm" c="dimmed">
          No dataset is shared with {group.name} yet.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label={`Datasets shared with ${group.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Dataset</Table.Th>
              <Table.Th>Permission</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grants.data.datasets.map((d) => (
              <Table.Tr key={d.datasetId}>
                <Table.Td>
                  <Anchor component={Link} to={`/datasets/${encodeURIComponent(d.datasetName)}/manage`} size="sm">
                    {d.datasetName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <PermissionBadge permission={d.permission} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
