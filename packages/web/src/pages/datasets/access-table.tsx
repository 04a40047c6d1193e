// The people with access: their role, their explicit grant (changeable, capped by role), effective access (and the groups it comes through), Remove.
import { Stack, Text } from '@mantine/core';
import type { Dataset, DatasetUserPermission } from '@teamset/contract';
import { permissionsApi } from '../../api/permissions-api';
import { ConfirmRowDialog, useConfirmTarget } from '../../components/confirm-row-dialog';
import { DataTable } from '../../components/data-table';
import { RemoveButton } from '../../components/remove-button';
import { RoleBadge } from '../../components/role-badge';
import { notifySuccess } from '../../lib/notify';
import { EffectiveAccess } from './effective-access';
import { GrantSelect } from './grant-select';

export interface AccessTableProps {
  dataset: Dataset;
  users: DatasetUserPermission[];
  /** The groups a person's effective access comes through ([] when unknown which), undefined when not through a group. */
  throughGroups: (entry: DatasetUserPermission) => string[] | undefined;
  onChanged: () => void;
}

export function AccessTable({ dataset, users, throughGroups, onChanged }: AccessTableProps) {
  const removing = useConfirmTarget<DatasetUserPermission>();
  return (
    <>
      <DataTable
        label="People with access"
        rows={users}
        rowKey={(entry) => entry.user.id}
        minWidth={640}
        empty="Nobody but admins can see this dataset yet."
        columns={[
          {
            header: 'Person',
            cell: (entry) => (
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {entry.user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {entry.user.email}
                </Text>
              </Stack>
            ),
          },
          { header: 'Role', cell: (entry) => <RoleBadge role={entry.user.role} /> },
          { header: 'Granted', cell: (entry) => <GrantSelect dataset={dataset} entry={entry} onChanged={onChanged} /> },
          {
            header: 'Effective',
            cell: (entry) => <EffectiveAccess permission={entry.activePermission} groups={throughGroups(entry)} />,
          },
          {
            header: 'Actions',
            hideHeader: true,
            cellProps: { ta: 'right' },
            // An admin's grant changes nothing (admins manage every dataset), so removing it is not offered.
            cell: (entry) =>
              entry.user.role === 'ADMIN' ? (
                <Text size="xs" c="dimmed">
                  Admins always have full access
                </Text>
              ) : entry.userPermission !== null ? (
                <RemoveButton onClick={() => removing.ask(entry)} label={`Remove ${entry.user.email}`} />
              ) : null,
          },
        ]}
      />
      <ConfirmRowDialog
        target={removing}
        title="Remove access?"
        confirmLabel="Remove"
        onConfirm={async (entry) => {
          await permissionsApi.removeUser(dataset.name, entry.user.id);
          notifySuccess(`${entry.user.name}’s grant was removed`);
          onChanged();
        }}
      >
        {(row) => (
          <Text size="sm">
            {row.user.name} loses the access granted to them here.{' '}
            {row.user.role === 'MEMBER'
              ? 'As a member they keep the default access for members.'
              : 'They will no longer see the dataset unless their role gives them access.'}
          </Text>
        )}
      </ConfirmRowDialog>
    </>
  );
}
