// Danger zone (MANAGE): deleting the dataset, confirmed by typing its name.
import { Text } from '@mantine/core';
import type { Dataset } from '@teamset/contract';
import { datasetsApi } from '../../api/datasets-api';
import { TypeToConfirm } from '../../components/type-to-confirm';
import { notifySuccess } from '../../lib/notify';

export function DangerZone({ dataset, onDeleted }: { dataset: Dataset; onDeleted: () => void }) {
  const remove = async () => {
    await datasetsApi.delete(dataset.name);
    notifySuccess(`Dataset “${dataset.name}” deleted`);
    onDeleted();
  };
  return (
    <TypeToConfirm
      heading="Delete this dataset"
      consequence="Its samples, fields, saved views and access settings are deleted for everyone. This cannot be undone."
      actionLabel="Delete dataset"
      dialogTitle="Delete dataset?"
      name={dataset.name}
      nameLabel="Dataset name"
      onConfirm={remove}
    >
      <Text size="sm">
        This deletes “{dataset.name}” with all its samples for everyone, at once. Type the dataset’s name to confirm.
      </Text>
    </TypeToConfirm>
  );
}
