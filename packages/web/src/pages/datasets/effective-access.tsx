// A person's effective permission on a dataset, and the user groups it comes through when it does.
import { Stack, Text } from '@mantine/core';
import type { DatasetPermission } from '@teamset/contract';
import { PermissionBadge } from '../../components/permission-badge';

export function EffectiveAccess({
  permission,
  groups,
}: {
  permission: DatasetPermission;
  groups: string[] | undefined;
}) {
  return (
    <Stack gap={2} align="flex-start">
      <PermissionBadge permission={permission} />
      {groups ? (
        <Text size="xs" c="dimmed">
          {groups.length === 0
            ? 'through a group'
            : `through ${groups.length === 1 ? 'group' : 'groups'} ${groups.join(', ')}`}
        </Text>
      ) : null}
    </Stack>
  );
}
