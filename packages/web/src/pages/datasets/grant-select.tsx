// One person's explicit grant on a dataset as a select, offering only what their role can hold; admins need none.
import { Select } from '@mantine/core';
import { DisabledReason } from '../../components/disabled-reason';
import type { Dataset, DatasetPermission, DatasetUserPermission } from '@teamset/contract';
import { useState } from 'react';
import { permissionsApi } from '../../api/permissions-api';
import { notifyError, notifySuccess } from '../../lib/notify';
import { PERMISSION_LABELS, permissionOptions } from '../../lib/permissions';
import { ROLE_PERMISSION_CAP } from '@teamset/contract/constants';

export function GrantSelect({
  dataset,
  entry,
  onChanged,
}: {
  dataset: Dataset;
  entry: DatasetUserPermission;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const { user } = entry;
  const admin = user.role === 'ADMIN';
  const onChange = (value: string | null) => {
    const permission = value as DatasetPermission | null;
    if (!permission || permission === entry.userPermission) return;
    setBusy(true);
    permissionsApi
      .setUser(dataset.name, user.id, permission)
      .then(() => {
        notifySuccess(`${user.name}’s access is now: ${PERMISSION_LABELS[permission]}`);
        onChanged();
      })
      .catch((error: unknown) => notifyError(error))
      .finally(() => setBusy(false));
  };
  return (
    <DisabledReason reason={admin ? 'Admins can manage every dataset' : undefined}>
      <Select
        aria-label={`Access of ${user.email}`}
        data={permissionOptions(ROLE_PERMISSION_CAP[user.role])}
        value={entry.userPermission}
        placeholder="Default"
        onChange={onChange}
        disabled={busy || admin}
        allowDeselect={false}
        size="xs"
        w={140}
      />
    </DisabledReason>
  );
}
