// Pending invitations: email, role, invited, expires, and Revoke (the link stops working).
import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Invitation } from '@teamset/contract';
import { useState } from 'react';
import { invitationsApi } from '../../api/invitations-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { RoleBadge } from '../../components/role-badge';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

export function InvitationsTable({ invitations, onChanged }: { invitations: Invitation[]; onChanged: () => void }) {
  const [revoking, setRevoking] = useState<Invitation | undefined>(undefined);
  const revoke = async () => {
    if (!revoking) return;
    await invitationsApi.revoke(revoking.id);
    notifySuccess(`Invitation for ${revoking.email} revoked`);
    onChanged();
  };
  return (
    <>
      <Table verticalSpacing="sm" aria-label="Pending invitations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Invited</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>
                <Text size="sm">{invitation.email}</Text>
              </Table.Td>
              <Table.Td>
                <RoleBadge role={invitation.role} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(invitation.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(invitation.expiresAt)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  color="red"
                  variant="light"
                  size="xs"
                  onClick={() => setRevoking(invitation)}
                  aria-label={`Revoke invitation for ${invitation.email}`}
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmDialog
        opened={revoking !== undefined}
        title="Revoke invitation?"
        confirmLabel="Revoke"
        danger
        onConfirm={revoke}
        onClose={() => setRevoking(undefined)}
      >
        <Text size="sm">The link sent to {revoking?.email} will stop working. You can invite them again later.</Text>
      </ConfirmDialog>
    </>
  );
}
