// The user groups with a grant on the dataset: name (opens the group, for admins), their permission (changeable), Remove.
import { Anchor, Stack, Text } from '@mantine/core';
import type { Dataset, DatasetGroupPermission } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { permissionsApi } from '../../api/permissions-api';
import { ConfirmRowDialog, useConfirmTarget } from '../../components/confirm-row-dialog';
import { DataTable } from '../../components/data-table';
import { RemoveButton } from '../../components/remove-button';
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
  const removing = useConfirmTarget<DatasetGroupPermission>();
  return (
    <>
      <DataTable
        label="Groups with access"
        rows={grants}
        rowKey={(grant) => grant.group.id}
        minWidth={520}
        empty="No group has access to this dataset."
        columns={[
          {
            header: 'Group',
            cell: ({ group }) => (
              <Stack gap={0}>
                {me.role === 'ADMIN' ? (
                  <Anchor component={Link} to={`/team/groups/${encodeURIComponent(group.id)}`} size="sm" fw={500}>
                    {group.name}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={500}>
                    {group.name}
                  </Text>
                )}
                {group.description ? (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {group.description}
                  </Text>
                ) : null}
              </Stack>
            ),
          },
          {
            header: 'Permission',
            cell: (grant) => <GroupGrantSelect dataset={dataset} grant={grant} onChanged={onChanged} />,
          },
          {
            header: 'Actions',
            hideHeader: true,
            cellProps: { ta: 'right' },
            cell: (grant) => (
              <RemoveButton onClick={() => removing.ask(grant)} label={`Remove group ${grant.group.name}`} />
            ),
          },
        ]}
      />
      <ConfirmRowDialog
        target={removing}
        title="Remove group access?"
        confirmLabel="Remove"
        onConfirm={async ({ group }) => {
          await permissionsApi.removeGroup(dataset.name, group.id);
          notifySuccess(`The grant to group ${group.name} was removed`);
          onChanged();
        }}
      >
        {(row) => (
          <Text size="sm">
            The members of {row.group.name} lose the access this group gave them here, at once. They keep what their
            role, the default and their own grants give.
          </Text>
        )}
      </ConfirmRowDialog>
    </>
  );
}
