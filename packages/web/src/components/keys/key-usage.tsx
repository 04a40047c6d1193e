// A key's usage in a list: requests of the last 30 days, with the last client (address, user agent) on hover.
import { Text, Tooltip } from '@mantine/core';
import type { ApiKey } from '@teamset/contract';

export function KeyUsage({ apiKey }: { apiKey: ApiKey }) {
  const { requestsLast30Days, lastUsedIp, lastUsedUserAgent } = apiKey.usage;
  const client = [lastUsedIp, lastUsedUserAgent].filter((part) => part !== null).join(' · ');
  return (
    <Tooltip label={client ? `Last client: ${client}` : 'No client recorded yet'} withArrow>
      <Text size="sm" aria-label={`${requestsLast30Days} requests in the last 30 days`}>
        {requestsLast30Days.toLocaleString()}
      </Text>
    </Tooltip>
  );
}
