// Settings › Account: your name and email, and a password change.
import { Paper, Stack, TextInput, Title } from '@mantine/core';
import { useCurrentUser } from '../../session/session-context';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';

export function AccountSettings() {
  const user = useCurrentUser();
  return (
    <Stack gap="lg" maw={560}>
      <Paper withBorder p="lg">
        <Title order={3} size="h4" mb="md">
          Profile
        </Title>
        <Stack>
          <ProfileForm />
          <TextInput
            label="Email"
            value={user.email}
            readOnly
            description="Your sign-in name; an admin can invite a new address if it changes."
          />
        </Stack>
      </Paper>
      <Paper withBorder p="lg">
        <Title order={3} size="h4" mb="md">
          Change password
        </Title>
        <ChangePasswordForm />
      </Paper>
    </Stack>
  );
}
