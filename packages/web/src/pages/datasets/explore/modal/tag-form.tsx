// A tag name and an Add button: tags the sample or the picked label (needs TAG); the server answers and the panels reload.
import { Button, Group, TextInput } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import { useState } from 'react';
import { notifyError } from '../../../../lib/notify';

export function TagForm({ label, onTag }: { label: string; onTag(tag: string): Promise<void> }) {
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const name = tag.trim();
    if (!name) return;
    setBusy(true);
    try {
      await onTag(name);
      setTag('');
    } catch (failure) {
      notifyError(failure, 'Could not tag');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Group gap={6} wrap="nowrap" align="flex-end">
        <TextInput
          size="xs"
          label={`Tag for the ${label}`}
          placeholder="e.g. reviewed"
          value={tag}
          maxLength={100}
          onChange={(event) => setTag(event.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button
          type="submit"
          size="xs"
          variant="light"
          leftSection={<IconTag size={14} />}
          loading={busy}
          disabled={!tag.trim()}
        >
          Tag {label}
        </Button>
      </Group>
    </form>
  );
}
