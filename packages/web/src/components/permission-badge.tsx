// A dataset permission as a coloured badge, with what it allows on hover.
import { Badge, Tooltip } from '@mantine/core';
import type { DatasetPermission } from '@teamset/contract';
import { PERMISSION_COLORS, PERMISSION_DESCRIPTIONS, PERMISSION_LABELS } from '../lib/permissions';

export function PermissionBadge({ permission }: { permission: DatasetPermission }) {
  return (
    <Tooltip label={PERMISSION_DESCRIPTIONS[permission]} withArrow>
      <Badge color={PERMISSION_COLORS[permission]} variant="light">
        {PERMISSION_LABELS[permission]}
      </Badge>
    </Tooltip>
  );
}
