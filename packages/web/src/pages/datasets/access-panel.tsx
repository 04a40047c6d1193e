// Access (MANAGE): the default for members, the people with access and their permission, adding a person; then the groups with access.
import { Center, Divider, Loader, Select, Stack } from '@mantine/core';
import type { Dataset, DatasetPermission } from '@teamset/contract';
import { useMemo, useState } from 'react';
import { groupsApi } from '../../api/groups-api';
import { permissionsApi } from '../../api/permissions-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { accessGroups } from '../../lib/group-access';
import { notifyError, notifySuccess } from '../../lib/notify';
import { PERMISSION_DESCRIPTIONS, PERMISSION_LABELS, permissionOptions } from '../../lib/permissions';
import { AccessTable } from './access-table';
import { AddPersonForm } from './add-person-form';
import { GroupAccess } from './group-access';
import { Panel } from '../../components/panel';

export function AccessPanel({
  dataset,
  onDefaultChanged,
}: {
  dataset: Dataset;
  onDefaultChanged: (next: Dataset) => void;
}) {
  const access = useApi(() => permissionsApi.list(dataset.name), [dataset.name]);
  // Admins read every group, others only their own: enough to name the group someone's access comes through, and to suggest groups.
  const visibleGroups = useApi(() => groupsApi.list(), []);
  const members = useMemo(
    () => new Map((visibleGroups.data ?? []).map((g) => [g.id, new Set(g.users.map((u) => u.id))])),
    [visibleGroups.data],
  );
  const [savingDefault, setSavingDefault] = useState(false);

  const setDefault = (value: string | null) => {
    const permission = value as DatasetPermission | null;
    if (!permission || permission === access.data?.defaultPermission) return;
    setSavingDefault(true);
    permissionsApi
      .setDefault(dataset.name, permission)
      .then((next) => {
        notifySuccess(`Members now get ${PERMISSION_LABELS[permission].toLowerCase()} access by default`);
        access.reload();
        onDefaultChanged(next);
      })
      .catch((error: unknown) => notifyError(error))
      .finally(() => setSavingDefault(false));
  };

  return (
    <>
      <Panel
        title="Access"
        description="Admins can manage every dataset. Members get the default below unless granted more; collaborators and guests only what they are granted, up to their role’s limit."
        titleId="access-title"
      >
        {access.error ? (
          <LoadError error={access.error} onRetry={access.reload} title="Could not load who has access" />
        ) : !access.data ? (
          <Center p="lg">
            <Loader size="sm" aria-label="Loading access" />
          </Center>
        ) : (
          <Stack gap="lg">
            <Select
              label="Default access for members"
              description={PERMISSION_DESCRIPTIONS[access.data.defaultPermission]}
              data={permissionOptions()}
              value={access.data.defaultPermission}
              onChange={setDefault}
              disabled={savingDefault}
              allowDeselect={false}
              maw={320}
            />
            <Divider />
            <AddPersonForm dataset={dataset} onAdded={access.reload} />
            <AccessTable
              dataset={dataset}
              users={access.data.users}
              throughGroups={(entry) =>
                access.data
                  ? accessGroups(entry, access.data.defaultPermission, access.data.groups, members)
                  : undefined
              }
              onChanged={access.reload}
            />
          </Stack>
        )}
      </Panel>
      {/* A panel of its own, fed by the same list: a group's grant changes the people's effective access above. */}
      {access.data ? (
        <GroupAccess
          dataset={dataset}
          grants={access.data.groups}
          visibleGroups={visibleGroups.data}
          onChanged={access.reload}
        />
      ) : null}
    </>
  );
}
