// The datasets that grant a group a permission; grants are given and changed on each dataset's Access tab.

import type { UserGroup } from '@teamset/contract';
import { groupsApi } from '../../api/groups-api';
import { DataTable } from '../../components/data-table';
import { PermissionBadge } from '../../components/permission-badge';
import { useApi } from '../../hooks/use-api';
import { DATASET_LINK_COLUMN } from './dataset-link-column';
import { Panel } from '../../components/panel';

export function GroupDatasets({ group }: { group: UserGroup }) {
  const grants = useApi(() => groupsApi.datasets(group.id), [group.id]);
  return (
    <Panel
      title="Dataset access"
      description="Each member gets the group’s permission, up to their role’s limit. Share a dataset with the group on the dataset’s Manage tab."
    >
      <DataTable
        label={`Datasets shared with ${group.name}`}
        loadingLabel="Loading the group’s datasets"
        rows={grants.data?.datasets}
        rowKey={(d) => d.datasetId}
        error={grants.error}
        onRetry={grants.reload}
        empty={`No dataset is shared with ${group.name} yet.`}
        columns={[
          DATASET_LINK_COLUMN,
          { header: 'Permission', cell: (d) => <PermissionBadge permission={d.permission} /> },
        ]}
      />
    </Panel>
  );
}
