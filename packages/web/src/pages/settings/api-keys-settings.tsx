// Settings › API keys: your keys and the SDK connection settings; guests see why they have none.
import { Alert, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { ConnectBox } from '../../components/keys/connect-box';
import { KeyManager } from '../../components/keys/key-manager';
import { canUseApiKeys } from '@teamset/contract/constants';
import { useCurrentUser } from '../../session/session-context';

export function ApiKeysSettings() {
  const user = useCurrentUser();
  if (!canUseApiKeys(user.role)) {
    return (
      <Alert color="gray" icon={<IconLock size={18} />} title="Guests cannot use API keys" maw={640}>
        <Text size="sm">
          API keys let the SDK act as you, and guests can only view what is shared with them in the browser. If you need
          the SDK, ask an admin to make you a collaborator or a member.
        </Text>
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed" maw={720}>
        An API key lets the SDK and the <code>teamset</code> command act as you, with your role and dataset permissions.
        Give each computer or job its own key, so you can delete one without breaking the others.
      </Text>
      <KeyManager />
      <ConnectBox />
    </Stack>
  );
}
