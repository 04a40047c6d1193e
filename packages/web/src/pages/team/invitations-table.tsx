// Pending invitations: email, role, invited, expires, and Revoke (the link stops working).
import { Button, Text } from '@mantine/core';
import type { Invitation } from '@teamset/contract';
import { invitationsApi } from '../../api/invitations-api';
import { ConfirmRowDialog, useConfirmTarget } from '../../components/confirm-row-dialog';
import { DataTable } from '../../components/data-table';
import { RoleBadge } from '../../components/role-badge';
import type { ApiState } from '../../hooks/use-api';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

export function InvitationsTable({ invitations }: { invitations: ApiState<Invitation[]> }) {
  const revoking = useConfirmTarget<Invitation>();
  return (
    <>
      <DataTable
        label="Pending invitations"
        loadingLabel="Loading invitations"
        rows={invitations.data}
        rowKey={(invitation) => invitation.id}
        error={invitations.error}
        onRetry={invitations.reload}
        verticalSpacing="sm"
        empty="No invitations are waiting to be accepted."
        columns={[
          { header: 'Email', cell: (invitation) => <Text size="sm">{invitation.email}</Text> },
          { header: 'Role', cell: (invitation) => <RoleBadge role={invitation.role} /> },
          { header: 'Invited', cell: (invitation) => <Text size="sm">{formatDateTime(invitation.createdAt)}</Text> },
          { header: 'Expires', cell: (invitation) => <Text size="sm">{formatDateTime(invitation.expiresAt)}</Text> },
          {
            header: 'Actions',
            hideHeader: true,
            cellProps: { ta: 'right' },
            cell: (invitation) => (
              <Button
                color="red"
                variant="light"
                size="xs"
                onClick={() => revoking.ask(invitation)}
                aria-label={`Revoke invitation for ${invitation.email}`}
              >
                Revoke
              </Button>
            ),
          },
        ]}
      />
      <ConfirmRowDialog
        target={revoking}
        title="Revoke invitation?"
        confirmLabel="Revoke"
        onConfirm={async (invitation) => {
          await invitationsApi.revoke(invitation.id);
          notifySuccess(`Invitation for ${invitation.email} revoked`);
          invitations.reload();
        }}
      >
        {(row) => (
          <Text size="sm">The link sent to {row.email} will stop working. You can invite them again later.</Text>
        )}
      </ConfirmRowDialog>
    </>
  );
}
