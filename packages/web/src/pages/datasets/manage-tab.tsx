// Manage: basic info (editable with EDIT, renamable with MANAGE), Access and the Danger zone (MANAGE).
import { Alert, Stack } from '@mantine/core';
import type { Dataset } from '@teamset/contract';
import { IconLock } from '@tabler/icons-react';
import { permissionAtLeast } from '@teamset/contract/constants';
import { AccessPanel } from './access-panel';
import { BasicInfoForm } from './basic-info-form';
import { DangerZone } from './danger-zone';

export function ManageTab({
  dataset,
  onChanged,
  onDeleted,
}: {
  dataset: Dataset;
  onChanged: (next: Dataset) => void;
  onDeleted: () => void;
}) {
  const manage = permissionAtLeast(dataset.permission, 'MANAGE');
  return (
    <Stack gap="lg">
      <BasicInfoForm key={`${dataset.name}:${dataset.lastModifiedAt}`} dataset={dataset} onSaved={onChanged} />
      {manage ? (
        <>
          <AccessPanel dataset={dataset} onDefaultChanged={onChanged} />
          <DangerZone dataset={dataset} onDeleted={onDeleted} />
        </>
      ) : (
        <Alert color="gray" icon={<IconLock size={18} />} title="Access and deletion need Manage">
          Only people with Manage permission on this dataset can see who has access, share it, or delete it. Ask its
          owner or an admin.
        </Alert>
      )}
    </Stack>
  );
}
