// Settings › Organization › Media roots (admins): the server directories sample images may be served from; add and remove.
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import type { MediaRoot } from '@teamset/contract';
import { IconFolderPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { mediaApi } from '../../api/media-api';
import { FormError } from '../../components/form-error';
import { DataTable } from '../../components/data-table';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';

/** POSIX (/data), Windows drive (C:\\data) or UNC (\\\\host\\share) paths. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export function MediaRootsSettings() {
  const roots = useApi(() => mediaApi.roots(), []);
  const submit = useSubmit();
  const [path, setPath] = useState('');
  const organizationRoots = (roots.data?.roots ?? []).filter((r) => r.source === 'organization').map((r) => r.path);

  const save = (next: string[], done: string, after?: () => void) =>
    submit.run(async () => {
      await mediaApi.setRoots(next);
      after?.();
      roots.reload();
      notifySuccess(done);
    });

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    const given = path.trim();
    if (!given) return;
    // The server resolves the path on its own machine; what the browser can tell is whether it is absolute at all.
    if (!ABSOLUTE_PATH.test(given))
      return submit.reject(
        `“${given}” is not an absolute path: give the full path of a directory on the server, e.g. /data/images.`,
        'roots',
      );
    void save([...organizationRoots, given], 'Media root added', () => setPath(''));
  };

  return (
    <Paper withBorder p="lg" maw={760} mt="lg" component="section" aria-labelledby="media-roots-title">
      <Title order={4} id="media-roots-title" mb={4}>
        Media roots
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The web app shows a sample’s image only when its file is inside one of these directories on the server’s
        machine. Nothing outside them is ever served.
      </Text>
      <DataTable
        label="Media roots"
        rows={roots.data?.roots}
        rowKey={(root) => `${root.source}:${root.path}`}
        error={roots.error}
        errorTitle="Could not load the media roots"
        onRetry={roots.reload}
        withHeader={false}
        mb="md"
        empty={
          <Text size="sm" mb="md">
            No media roots yet: images are not served, and the samples grid shows placeholders.
          </Text>
        }
        columns={[
          {
            header: 'Path',
            cell: (root) => (
              <Stack gap={2}>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {root.path}
                </Text>
                {root.source === 'server' ? (
                  <Text size="xs" c="dimmed">
                    Set where the server is started (--media-root or TEAMSET_MEDIA_ROOTS), so it cannot be removed here:
                    change it there and restart the server.
                  </Text>
                ) : null}
              </Stack>
            ),
          },
          {
            header: 'Actions',
            cellProps: { style: { whiteSpace: 'nowrap', width: '1%' } },
            cell: (root) => (
              <RootActions
                root={root}
                busy={submit.busy}
                onRemove={() =>
                  void save(
                    organizationRoots.filter((p) => p !== root.path),
                    'Media root removed',
                  )
                }
              />
            ),
          },
        ]}
      />
      <form onSubmit={onAdd} noValidate>
        <Stack gap="xs">
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Add a media root"
              placeholder="/data/images"
              description="An absolute path of an existing directory on the server"
              value={path}
              onChange={(event) => setPath(event.currentTarget.value)}
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Button
              type="submit"
              leftSection={<IconFolderPlus size={16} />}
              loading={submit.busy}
              disabled={!path.trim()}
            >
              Add root
            </Button>
          </Group>
          <FormError message={submit.error ?? submit.fieldErrors.roots} />
        </Stack>
      </form>
    </Paper>
  );
}

function RootActions({ root, busy, onRemove }: { root: MediaRoot; busy: boolean; onRemove: () => void }) {
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      {root.available ? null : (
        <Tooltip label="The directory does not exist or cannot be read right now" withArrow>
          <Badge color="orange" variant="light" style={{ flexShrink: 0, minWidth: 'max-content' }}>
            Unavailable
          </Badge>
        </Tooltip>
      )}
      {root.source === 'server' ? (
        <Tooltip
          label="Given to teamset serve (--media-root or TEAMSET_MEDIA_ROOTS); change it where the server is started"
          withArrow
          multiline
          w={260}
        >
          <Badge color="gray" variant="outline" style={{ flexShrink: 0, minWidth: 'max-content' }}>
            Server
          </Badge>
        </Tooltip>
      ) : (
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove media root ${root.path}`}
          onClick={onRemove}
          disabled={busy}
        >
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
}
