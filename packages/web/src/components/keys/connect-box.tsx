// Below the key list: this server's API URI and ready-to-copy settings for the SDK, in the environment or ~/.fiftyone/config.json.
import { Code, Paper, Stack, Text, Title } from '@mantine/core';
import { apiUri, configJson, envLines } from '../../lib/connect-settings';
import { CopyField } from '../copy-field';

const PLACEHOLDER = 'tsk_…your key…';

export function ConnectBox() {
  const uri = apiUri();
  return (
    <Paper withBorder p="lg" aria-labelledby="connect-title">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="connect-title">
            Connect the SDK
          </Title>
          <Text size="sm" c="dimmed">
            Point the SDK or the <Code>teamset</Code> command at this server with one of your keys. Environment
            variables win over the config file.
          </Text>
        </div>
        <CopyField label="API URI" value={uri} />
        <CopyField label="In your shell" value={envLines(uri, PLACEHOLDER)} block />
        <CopyField label="Or in ~/.fiftyone/config.json" value={configJson(uri, PLACEHOLDER)} block />
        <Text size="sm" c="dimmed">
          Then check it with <Code>npx teamset whoami</Code>.
        </Text>
      </Stack>
    </Paper>
  );
}
