// Access › Groups (MANAGE): share the dataset with user groups, change or remove their permission.
import { Stack } from '@mantine/core';
import type { Dataset, DatasetGroupPermission, UserGroup } from '@teamset/contract';
import { AddGroupForm } from './add-group-form';
import { GroupAccessTable } from './group-access-table';
import { Panel } from '../../components/panel';

export interface GroupAccessProps {
  dataset: Dataset;
  grants: DatasetGroupPermission[];
  /** The groups the signed-in user can see, to suggest; undefined while they load or if they did not. */
  visibleGroups: readonly UserGroup[] | undefined;
  onChanged: () => void;
}

export function GroupAccess({ dataset, grants, visibleGroups, onChanged }: GroupAccessProps) {
  const granted = new Set(grants.map((g) => g.group.id));
  return (
    <Panel
      title="Groups"
      description="Share the dataset with user groups: everyone in a group gets its permission, up to their role’s limit, and loses it when they leave the group."
      titleId="group-access-title"
    >
      <Stack gap="lg">
        <AddGroupForm
          dataset={dataset}
          suggestions={(visibleGroups ?? []).filter((g) => !granted.has(g.id))}
          onAdded={onChanged}
        />
        <GroupAccessTable dataset={dataset} grants={grants} onChanged={onChanged} />
      </Stack>
    </Panel>
  );
}
