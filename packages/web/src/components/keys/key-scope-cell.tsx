// A key's scope in the key table: "Full access", or a badge per limit (highest permission, datasets, read-only management).
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { ApiKeyScope } from '@teamset/contract';

export function KeyScopeCell({ scope }: { scope: ApiKeyScope }) {
  const { maxPermission, datasets, readOnlyManagement } = scope;
  if (maxPermission === null && datasets === null && !readOnlyManagement)
    return (
      <Text size="sm" c="dimmed">
        Full access
      </Text>
    );
  const names = datasets?.map((d) => d.name) ?? [];
  return (
    <Group gap={4} wrap="wrap">
      {maxPermission ? (
        <Badge variant="light" color="blue" tt="none">
          Up to {maxPermission}
        </Badge>
      ) : null}
      {datasets !== null ? (
        <Tooltip label={names.length > 0 ? names.join(', ') : 'Its datasets were deleted'} withArrow>
          <Badge variant="light" color={names.length > 0 ? 'grape' : 'red'} tt="none">
            {names.length === 0 ? 'No datasets' : names.length === 1 ? names[0] : `${names.length} datasets`}
          </Badge>
        </Tooltip>
      ) : null}
      {readOnlyManagement ? (
        <Badge variant="light" color="gray" tt="none">
          Read-only management
        </Badge>
      ) : null}
    </Group>
  );
}
