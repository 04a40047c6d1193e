// The datasets one user can reach: their explicit grant and their effective permission (role, default and grants combined).
import { Text } from '@mantine/core';
import type { User } from '@teamset/contract';
import { permissionsApi } from '../../api/permissions-api';
import { DataTable } from '../../components/data-table';
import { PermissionBadge } from '../../components/permission-badge';
import { useApi } from '../../hooks/use-api';
import { DATASET_LINK_COLUMN } from './dataset-link-column';
import { Panel } from '../../components/panel';

export function UserDatasetAccess({ user }: { user: User }) {
  const access = useApi(() => permissionsApi.forUser(user.id), [user.id, user.role]);
  return (
    <Panel title="Dataset access" description="Change access on each dataset’s Manage tab.">
      <DataTable
        label={`Datasets ${user.name} can see`}
        loadingLabel="Loading dataset access"
        rows={access.data?.datasets}
        rowKey={(d) => d.datasetId}
        error={access.error}
        onRetry={access.reload}
        empty={`${user.name} cannot see any dataset.`}
        columns={[
          DATASET_LINK_COLUMN,
          {
            header: 'Granted',
            cell: (d) =>
              d.userPermission ? (
                <PermissionBadge permission={d.userPermission} />
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ),
          },
          { header: 'Effective', cell: (d) => <PermissionBadge permission={d.activePermission} /> },
        ]}
      />
    </Panel>
  );
}
