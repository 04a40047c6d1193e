// When a key expires: never, a relative time with the exact date on hover, or a red Expired.
import { Badge, Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../lib/format';

export function KeyExpiry({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt) return <Text size="sm">Never</Text>;
  const expired = Date.parse(expiresAt) <= Date.now();
  return (
    <Tooltip label={formatDateTime(expiresAt)} withArrow>
      {expired ? (
        <Badge color="red" variant="light">
          Expired
        </Badge>
      ) : (
        <Text size="sm">{formatRelative(expiresAt)}</Text>
      )}
    </Tooltip>
  );
}
