// Team › Service accounts: create one for a job, then open it to generate its keys and share datasets; disable or delete.
import { Anchor, Badge, Stack, Text } from '@mantine/core';
import type { ServiceAccount } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { serviceAccountsApi } from '../../api/service-accounts-api';
import { ConfirmRowDialog, useConfirmTarget } from '../../components/confirm-row-dialog';
import { DataTable } from '../../components/data-table';
import { Panel } from '../../components/panel';
import { RowActions, RowButton } from '../../components/row-actions';
import { RoleBadge } from '../../components/role-badge';
import { useApi } from '../../hooks/use-api';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { ServiceAccountForm } from './service-account-form';

const accountPath = (account: ServiceAccount) => `/team/users/${encodeURIComponent(account.id)}`;

export function ServiceAccountsTab() {
  const accounts = useApi(() => serviceAccountsApi.list(), []);
  const deleting = useConfirmTarget<ServiceAccount>();

  const toggle = async (account: ServiceAccount) => {
    const disabling = account.disabledAt === null;
    try {
      await (disabling ? serviceAccountsApi.disable(account.id) : serviceAccountsApi.enable(account.id));
      notifySuccess(
        disabling ? `${account.name} disabled: its keys are refused` : `${account.name} enabled: its keys work again`,
      );
      accounts.reload();
    } catch (failure) {
      notifyError(failure);
    }
  };

  return (
    <Stack gap="lg">
      <Panel
        title="Create a service account"
        description="A non-person user for a job such as a nightly import: no password and no sign-in. Admins generate its API keys; add it to groups and share datasets with it like anyone else."
      >
        <ServiceAccountForm onCreated={accounts.reload} />
      </Panel>
      <Panel title="Service accounts">
        <DataTable
          label="Service accounts"
          loadingLabel="Loading service accounts"
          rows={accounts.data}
          rowKey={(account) => account.id}
          error={accounts.error}
          onRetry={accounts.reload}
          minWidth={720}
          verticalSpacing="sm"
          highlightOnHover
          empty="No service accounts yet."
          columns={[
            {
              header: 'Name',
              cell: (account) => (
                <Anchor component={Link} to={accountPath(account)} fw={500} size="sm">
                  {account.name}
                </Anchor>
              ),
            },
            { header: 'Role', cell: (account) => <RoleBadge role={account.role} /> },
            { header: 'Keys', cell: (account) => <Text size="sm">{account.keyCount}</Text> },
            { header: 'Created', cell: (account) => <Text size="sm">{formatDateTime(account.createdAt)}</Text> },
            {
              header: 'Status',
              cell: (account) =>
                account.disabledAt === null ? (
                  <Badge color="green" variant="light">
                    Enabled
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    Disabled
                  </Badge>
                ),
            },
            {
              header: 'Actions',
              hideHeader: true,
              cell: (account) => (
                <RowActions>
                  <RowButton to={accountPath(account)} label={`Open ${account.name}`}>
                    Keys and access
                  </RowButton>
                  <RowButton
                    color={account.disabledAt === null ? 'orange' : 'green'}
                    onClick={() => void toggle(account)}
                    label={`${account.disabledAt === null ? 'Disable' : 'Enable'} ${account.name}`}
                  >
                    {account.disabledAt === null ? 'Disable' : 'Enable'}
                  </RowButton>
                  <RowButton color="red" onClick={() => deleting.ask(account)} label={`Delete ${account.name}`}>
                    Delete
                  </RowButton>
                </RowActions>
              ),
            },
          ]}
        />
      </Panel>
      <ConfirmRowDialog
        target={deleting}
        title="Delete service account?"
        confirmLabel="Delete service account"
        onConfirm={async (account) => {
          await serviceAccountsApi.delete(account.id);
          notifySuccess(`${account.name} was deleted`);
          accounts.reload();
        }}
      >
        {(account) => (
          <Text size="sm">
            {account.name}’s {account.keyCount} API key(s) will stop working at once, and its group memberships and
            dataset access will be removed. This cannot be undone.
          </Text>
        )}
      </ConfirmRowDialog>
    </Stack>
  );
}
