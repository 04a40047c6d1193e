// The list of API keys: nickname, the key's visible start (and old secrets in their grace), scope, dates, requests, status, Rotate and Delete.
import { Badge, Stack, Text } from '@mantine/core';
import type { ApiKey } from '@teamset/contract';
import { IconKey, IconRefresh, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ApiState } from '../../hooks/use-api';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DataTable } from '../data-table';
import { RowActions, RowButton } from '../row-actions';
import { KeyExpiry } from './key-expiry';
import { KeyScopeCell } from './key-scope-cell';
import { KeyUsage } from './key-usage';

export function KeyTable({
  keys,
  onDelete,
  onRotate,
  emptyHint,
}: {
  keys: ApiState<ApiKey[]>;
  onDelete: (key: ApiKey) => void;
  onRotate: (key: ApiKey) => void;
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
      minWidth={880}
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
            <Stack gap={2}>
              <Text ff="monospace" size="sm" aria-label={`Key starting tsk_${key.prefix}`}>
                tsk_{key.prefix}…
              </Text>
              {key.previousSecrets.map((old) => (
                <Text key={old.prefix} size="xs" c="dimmed" title={formatDateTime(old.graceEndsAt)}>
                  Old <span style={{ fontFamily: 'monospace' }}>tsk_{old.prefix}…</span> works until{' '}
                  {formatDateTime(old.graceEndsAt)}
                </Text>
              ))}
            </Stack>
          ),
        },
        { header: 'Scope', cell: (key) => <KeyScopeCell scope={key.scope} /> },
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
        {
          header: 'Expires',
          cell: (key) =>
            key.revokedAt ? (
              <Badge color="red" variant="light" title={formatDateTime(key.revokedAt)}>
                Revoked: {key.revokedReason ?? 'revoked'}
              </Badge>
            ) : (
              <KeyExpiry expiresAt={key.expiresAt} soon={key.expiringSoon} />
            ),
        },
        {
          header: 'Actions',
          hideHeader: true,
          cellProps: { ta: 'right' },
          cell: (key) => (
            <RowActions>
              {key.revokedAt === null ? (
                <RowButton
                  leftSection={<IconRefresh size={14} />}
                  onClick={() => onRotate(key)}
                  label={`Rotate key ${key.name}`}
                >
                  Rotate
                </RowButton>
              ) : null}
              <RowButton
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => onDelete(key)}
                label={`Delete key ${key.name}`}
              >
                Delete
              </RowButton>
            </RowActions>
          ),
        },
      ]}
    />
  );
}
