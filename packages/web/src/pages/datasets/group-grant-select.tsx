// A group's grant on a dataset as a select; each member still gets at most their role's limit of it.
import { Select } from '@mantine/core';
import type { Dataset, DatasetGroupPermission, DatasetPermission } from '@teamset/contract';
import { useState } from 'react';
import { permissionsApi } from '../../api/permissions-api';
import { notifyError, notifySuccess } from '../../lib/notify';
import { PERMISSION_LABELS, permissionOptions } from '../../lib/permissions';

export function GroupGrantSelect({
  dataset,
  grant,
  onChanged,
}: {
  dataset: Dataset;
  grant: DatasetGroupPermission;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const onChange = (value: string | null) => {
    const permission = value as DatasetPermission | null;
    if (!permission || permission === grant.permission) return;
    setBusy(true);
    permissionsApi
      .setGroup(dataset.name, grant.group.id, permission)
      .then(() => {
        notifySuccess(`Group ${grant.group.name} now has ${PERMISSION_LABELS[permission].toLowerCase()} access`);
        onChanged();
      })
      .catch((error: unknown) => notifyError(error))
      .finally(() => setBusy(false));
  };
  return (
    <Select
      aria-label={`Access of group ${grant.group.name}`}
      data={permissionOptions()}
      value={grant.permission}
      onChange={onChange}
      disabled={busy}
      allowDeselect={false}
      size="xs"
      w={140}
    />
  );
}
