// Team › Invitations: invite an email with a role (the link is shown once), and the pending invitations with Revoke.
import { Stack } from '@mantine/core';
import type { CreatedInvitation } from '@teamset/contract';
import { useState } from 'react';
import { invitationsApi } from '../../api/invitations-api';
import { useApi } from '../../hooks/use-api';
import { InvitationCreatedDialog } from './invitation-created-dialog';
import { InvitationsTable } from './invitations-table';
import { InviteForm } from './invite-form';
import { Panel } from '../../components/panel';

export function InvitationsTab() {
  const invitations = useApi(() => invitationsApi.list(), []);
  const [created, setCreated] = useState<CreatedInvitation | undefined>(undefined);

  return (
    <Stack gap="lg">
      <Panel title="Invite someone" description="You get a link to send them; it works once and expires after 7 days.">
        <InviteForm
          pending={invitations.data}
          onInvited={(next) => {
            setCreated(next);
            invitations.reload();
          }}
        />
      </Panel>
      <Panel title="Pending invitations">
        <InvitationsTable invitations={invitations} />
      </Panel>
      <InvitationCreatedDialog created={created} onClose={() => setCreated(undefined)} />
    </Stack>
  );
}
