// Settings › Account: your name and email, and a password change.
import { Stack, TextInput } from '@mantine/core';
import { useCurrentUser } from '../../session/session-context';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';
import { Panel } from '../../components/panel';

export function AccountSettings() {
  const user = useCurrentUser();
  return (
    <Stack gap="lg" maw={560}>
      <Panel title="Profile">
        <Stack>
          <ProfileForm />
          <TextInput
            label="Email"
            value={user.email}
            readOnly
            description="Your sign-in name; an admin can invite a new address if it changes."
          />
        </Stack>
      </Panel>
      <Panel title="Change password">
        <ChangePasswordForm />
      </Panel>
    </Stack>
  );
}
