// The list of API keys: nickname, the key's visible start, created, last used, requests, expires, and a red Delete per row.
import { Button, Stack, Text } from '@mantine/core';
import type { ApiKey } from '@teamset/contract';
import { IconKey, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ApiState } from '../../hooks/use-api';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DataTable } from '../data-table';
import { KeyExpiry } from './key-expiry';
import { KeyUsage } from './key-usage';

export function KeyTable({
  keys,
  onDelete,
  emptyHint,
}: {
  keys: ApiState<ApiKey[]>;
  onDelete: (key: ApiKey) => void;
  emptyHint: ReactNode;
}) {
  return (
    <DataTable
      label="API keys"
      loadingLabel="Loading API keys"
      rows={keys.data}
      rowKey={(key) => key.id}
      error={keys.error}
      errorTitle="Could not load the API keys"
      onRetry={keys.reload}
      minWidth={640}
      verticalSpacing="sm"
      highlightOnHover
      empty={
        <Stack align="center" gap={4} py="xl">
          <IconKey size={28} color="var(--mantine-color-gray-5)" />
          <Text fw={500}>No API keys yet</Text>
          <Text size="sm" c="dimmed">
            {emptyHint}
          </Text>
        </Stack>
      }
      columns={[
        {
          header: 'Nickname',
          cell: (key) => (
            <Text fw={500} size="sm">
              {key.name}
            </Text>
          ),
        },
        {
          header: 'Key',
          cell: (key) => (
            <Text ff="monospace" size="sm" aria-label={`Key starting tsk_${key.prefix}`}>
              tsk_{key.prefix}…
            </Text>
          ),
        },
        { header: 'Created', cell: (key) => <Text size="sm">{formatDateTime(key.createdAt)}</Text> },
        {
          header: 'Last used',
          cell: (key) => (
            <Text size="sm" c={key.lastUsedAt ? undefined : 'dimmed'}>
              {key.lastUsedAt ? formatRelative(key.lastUsedAt) : 'Never'}
            </Text>
          ),
        },
        { header: 'Requests (30 days)', cell: (key) => <KeyUsage apiKey={key} /> },
        { header: 'Expires', cell: (key) => <KeyExpiry expiresAt={key.expiresAt} soon={key.expiringSoon} /> },
        {
          header: 'Actions',
          hideHeader: true,
          cellProps: { ta: 'right' },
          cell: (key) => (
            <Button
              color="red"
              variant="light"
              size="xs"
              leftSection={<IconTrash size={14} />}
              onClick={() => onDelete(key)}
              aria-label={`Delete key ${key.name}`}
            >
              Delete
            </Button>
          ),
        },
      ]}
    />
  );
}
