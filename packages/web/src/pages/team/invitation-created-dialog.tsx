// The invitation link, shown once to the admin who made it, to send to the invitee.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CreatedInvitation } from '@teamset/contract';
import { CopyField } from '../../components/copy-field';
import { formatDateTime } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/roles';

export function InvitationCreatedDialog({
  created,
  onClose,
}: {
  created: CreatedInvitation | undefined;
  onClose: () => void;
}) {
  return (
    <Modal opened={created !== undefined} onClose={onClose} title="Invitation link" size="lg" centered>
      {created ? (
        <Stack>
          <Text size="sm">
            Send this link to {created.invitation.email}. They choose a name and password and join as{' '}
            {ROLE_LABELS[created.invitation.role].toLowerCase()}.
          </Text>
          <CopyField label="Invitation link" value={created.url} />
          <Alert color="yellow">
            The link is shown only now and works until {formatDateTime(created.invitation.expiresAt)}. If it gets lost,
            revoke the invitation and invite again.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
