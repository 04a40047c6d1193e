// When a key expires: never, a relative time with the exact date on hover (flagged when within 7 days), or a red Expired.
import { Badge, Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../lib/format';

export function KeyExpiry({ expiresAt, soon = false }: { expiresAt: string | null; soon?: boolean }) {
  if (!expiresAt) return <Text size="sm">Never</Text>;
  const expired = Date.parse(expiresAt) <= Date.now();
  return (
    <Tooltip label={formatDateTime(expiresAt)} withArrow>
      {expired ? (
        <Badge color="red" variant="light">
          Expired
        </Badge>
      ) : soon ? (
        <Badge color="orange" variant="light" aria-label={`Expires soon, ${formatRelative(expiresAt)}`}>
          Expires soon
        </Badge>
      ) : (
        <Text size="sm">{formatRelative(expiresAt)}</Text>
      )}
    </Tooltip>
  );
}
