// Team › API keys (admins): every key of the organization with its owner, filtered, and revoking many at once.
import { Badge, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { KeyInventoryItem, KeyInventoryState, UserKind } from '@teamset/contract';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { keyInventoryApi } from '../../api/service-accounts-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { KeyExpiry } from '../../components/keys/key-expiry';
import { KeyUsage } from '../../components/keys/key-usage';
import { Panel } from '../../components/panel';
import { useApi } from '../../hooks/use-api';
import { formatRelative } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

const PAGE_SIZE = 50;
const STATE_CHOICES = [
  { value: 'any', label: 'Any state' },
  { value: 'expired', label: 'Expired' },
  { value: 'unused', label: 'Unused for 90 days' },
  { value: 'expiring', label: 'Expiring within 7 days' },
];

export function ApiKeysTab() {
  const [kind, setKind] = useState<'all' | UserKind>('all');
  const [state, setState] = useState<'any' | KeyInventoryState>('any');
  const [ownerText, setOwnerText] = useState('');
  const [owner] = useDebouncedValue(ownerText.trim(), 300);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);

  const inventory = useApi(
    () =>
      keyInventoryApi.list({
        ...(owner ? { owner } : {}),
        ...(kind !== 'all' ? { ownerKind: kind } : {}),
        ...(state !== 'any' ? { state } : {}),
        page,
        pageSize: PAGE_SIZE,
      }),
    [owner, kind, state, page],
  );
  const filtered =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
      setSelected(new Set());
    };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const pages = inventory.data ? Math.max(1, Math.ceil(inventory.data.total / PAGE_SIZE)) : 1;

  return (
    <Panel
      title="API keys of the organization"
      description="Every key of every user and service account. Revoked keys stop working at once on every server; their owners see that an admin revoked them."
    >
      <Stack gap="md">
        <Group align="flex-end">
          <SegmentedControl
            aria-label="Owner kind"
            value={kind}
            onChange={(v) => filtered(setKind)(v as 'all' | UserKind)}
            data={[
              { value: 'all', label: 'Everyone' },
              { value: 'person', label: 'People' },
              { value: 'service', label: 'Service accounts' },
            ]}
          />
          <Select
            label="State"
            data={STATE_CHOICES}
            value={state}
            onChange={(v) => v && filtered(setState)(v as 'any' | KeyInventoryState)}
            allowDeselect={false}
            w={220}
          />
          <TextInput
            label="Owner"
            placeholder="Email or id"
            value={ownerText}
            onChange={(e) => filtered(setOwnerText)(e.currentTarget.value)}
            w={260}
          />
          <Button
            color="red"
            leftSection={<IconBan size={16} />}
            disabled={selected.size === 0}
            onClick={() => setConfirming(true)}
          >
            Revoke selected ({selected.size})
          </Button>
        </Group>
        <DataTable
          label="Organization API keys"
          loadingLabel="Loading API keys"
          rows={inventory.data?.items}
          rowKey={(item) => item.key.id}
          error={inventory.error}
          onRetry={inventory.reload}
          count={{ total: inventory.data?.total ?? 0, noun: ['key', 'keys'] }}
          pager={{ page, pages, onChange: setPage }}
          minWidth={900}
          verticalSpacing="sm"
          highlightOnHover
          empty="No API key matches these filters."
          columns={[
            {
              header: 'Select',
              hideHeader: true,
              cell: (item: KeyInventoryItem) => (
                <Checkbox
                  aria-label={`Select key ${item.key.name} of ${item.owner.name}`}
                  checked={selected.has(item.key.id)}
                  disabled={item.key.revokedAt !== null}
                  onChange={() => toggle(item.key.id)}
                />
              ),
            },
            {
              header: 'Key',
              cell: (item) => (
                <>
                  <Text fw={500} size="sm">
                    {item.key.name}
                  </Text>
                  <Text ff="monospace" size="xs" c="dimmed">
                    tsk_{item.key.prefix}…
                  </Text>
                </>
              ),
            },
            {
              header: 'Owner',
              cell: (item) => (
                <Stack gap={2} align="flex-start">
                  <Text size="sm">{item.owner.kind === 'service' ? item.owner.name : item.owner.email}</Text>
                  <Group gap={4}>
                    {item.owner.kind === 'service' ? (
                      <Badge size="xs" variant="outline">
                        Service account
                      </Badge>
                    ) : null}
                    {item.owner.disabledAt !== null ? (
                      <Badge size="xs" color="gray">
                        Disabled
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
              ),
            },
            {
              header: 'Last used',
              cell: (item) => (
                <Text size="sm" c={item.key.lastUsedAt ? undefined : 'dimmed'}>
                  {item.key.lastUsedAt ? formatRelative(item.key.lastUsedAt) : 'Never'}
                </Text>
              ),
            },
            { header: 'Requests (30 days)', cell: (item) => <KeyUsage apiKey={item.key} /> },
            {
              header: 'Expires',
              cell: (item) => <KeyExpiry expiresAt={item.key.expiresAt} soon={item.key.expiringSoon} />,
            },
            {
              header: 'Status',
              cell: (item) =>
                item.key.revokedAt === null ? (
                  <Badge color="green" variant="light">
                    Active
                  </Badge>
                ) : (
                  <Stack gap={2} align="flex-start">
                    <Badge color="red" variant="light">
                      Revoked
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {item.key.revokedReason}
                    </Text>
                  </Stack>
                ),
            },
          ]}
        />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={`Revoke ${selected.size} API key${selected.size === 1 ? '' : 's'}?`}
        confirmLabel="Revoke keys"
        danger
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          const result = await keyInventoryApi.revoke([...selected]);
          notifySuccess(`${result.revoked.length} API key${result.revoked.length === 1 ? '' : 's'} revoked`);
          setSelected(new Set());
          setConfirming(false);
          inventory.reload();
        }}
      >
        <Text size="sm">
          Applications using these keys lose access immediately, on every server. Their owners see the keys as revoked
          by an admin and can delete them. This cannot be undone.
        </Text>
      </ConfirmDialog>
    </Panel>
  );
}
