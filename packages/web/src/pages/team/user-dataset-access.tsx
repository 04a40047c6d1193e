// The datasets one user can reach: their explicit grant and their effective permission (role, default and grants combined).
import { Anchor, Center, Loader, Paper, Table, Text, Title } from '@mantine/core';
import type { User } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { permissionsApi } from '../../api/permissions-api';
import { LoadError } from '../../components/load-error';
import { PermissionBadge } from '../../components/permission-badge';
import { useApi } from '../../hooks/use-api';

export function UserDatasetAccess({ user }: { user: User }) {
  const access = useApi(() => permissionsApi.forUser(user.id), [user.id, user.role]);
  return (
    <Paper withBorder p="lg">
      <Title order={3} size="h4" mb="xs">
        Dataset access
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Change access on each dataset’s Manage tab.
      </Text>
      {access.error ? (
        <LoadError error={access.error} onRetry={access.reload} />
      ) : !access.data ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading dataset access" />
        </Center>
      ) : access.data.datasets.length === 0 ? (
        <Text size="sm" c="dimmed">
          {user.name} cannot see any dataset.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label={`Datasets ${user.name} can see`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Dataset</Table.Th>
              <Table.Th>Granted</Table.Th>
              <Table.Th>Effective</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {access.data.datasets.map((d) => (
              <Table.Tr key={d.datasetId}>
                <Table.Td>
                  <Anchor component={Link} to={`/datasets/${encodeURIComponent(d.datasetName)}/manage`} size="sm">
                    {d.datasetName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {d.userPermission ? (
                    <PermissionBadge permission={d.userPermission} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <PermissionBadge permission={d.activePermission} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
