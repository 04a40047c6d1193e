// Access › Groups (MANAGE): share the dataset with user groups, change or remove their permission.
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { Dataset, DatasetGroupPermission, UserGroup } from '@teamset/contract';
import { AddGroupForm } from './add-group-form';
import { GroupAccessTable } from './group-access-table';

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
    <Paper component="section" withBorder p="lg" aria-labelledby="group-access-title">
      <Title order={3} size="h4" id="group-access-title" mb={4}>
        Groups
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Share the dataset with user groups: everyone in a group gets its permission, up to their role’s limit, and loses
        it when they leave the group.
      </Text>
      <Stack gap="lg">
        <AddGroupForm
          dataset={dataset}
          suggestions={(visibleGroups ?? []).filter((g) => !granted.has(g.id))}
          onAdded={onChanged}
        />
        <GroupAccessTable dataset={dataset} grants={grants} onChanged={onChanged} />
      </Stack>
    </Paper>
  );
}
