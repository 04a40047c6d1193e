// Team › Invitations: invite an email with a role (the link is shown once), and the pending invitations with Revoke.
import { Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { CreatedInvitation } from '@teamset/contract';
import { useState } from 'react';
import { invitationsApi } from '../../api/invitations-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { InvitationCreatedDialog } from './invitation-created-dialog';
import { InvitationsTable } from './invitations-table';
import { InviteForm } from './invite-form';

export function InvitationsTab() {
  const invitations = useApi(() => invitationsApi.list(), []);
  const [created, setCreated] = useState<CreatedInvitation | undefined>(undefined);

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg">
        <Title order={3} size="h4" mb="xs">
          Invite someone
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          You get a link to send them; it works once and expires after 7 days.
        </Text>
        <InviteForm
          onInvited={(next) => {
            setCreated(next);
            invitations.reload();
          }}
        />
      </Paper>
      <Paper withBorder p="lg">
        <Title order={3} size="h4" mb="md">
          Pending invitations
        </Title>
        {invitations.error ? (
          <LoadError error={invitations.error} onRetry={invitations.reload} />
        ) : !invitations.data ? (
          <Center p="lg">
            <Loader size="sm" aria-label="Loading invitations" />
          </Center>
        ) : invitations.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            No invitations are waiting to be accepted.
          </Text>
        ) : (
          <InvitationsTable invitations={invitations.data} onChanged={invitations.reload} />
        )}
      </Paper>
      <InvitationCreatedDialog created={created} onClose={() => setCreated(undefined)} />
    </Stack>
  );
}
