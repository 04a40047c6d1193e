// The list of API keys: nickname, the key's visible start, created, last used, expires, and a red Delete per row.
import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ApiKey } from '@teamset/contract';
import { IconTrash } from '@tabler/icons-react';
import { formatDateTime, formatRelative } from '../../lib/format';
import { KeyExpiry } from './key-expiry';

export function KeyTable({ keys, onDelete }: { keys: ApiKey[]; onDelete: (key: ApiKey) => void }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Nickname</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>
                <Text fw={500} size="sm">
                  {key.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text ff="monospace" size="sm" aria-label={`Key starting tsk_${key.prefix}`}>
                  tsk_{key.prefix}…
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(key.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={key.lastUsedAt ? undefined : 'dimmed'}>
                  {key.lastUsedAt ? formatRelative(key.lastUsedAt) : 'Never'}
                </Text>
              </Table.Td>
              <Table.Td>
                <KeyExpiry expiresAt={key.expiresAt} />
              </Table.Td>
              <Table.Td ta="right">
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
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
