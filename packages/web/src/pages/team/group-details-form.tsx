// A group's name and description, saved together; renaming keeps its members and dataset grants.
import { Button, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UpdateUserGroupBody, UserGroup } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
import { groupsApi } from '../../api/groups-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../lib/format';
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from '@teamset/contract/constants';
import { notifySuccess } from '../../lib/notify';
import { Panel } from '../../components/panel';

export function GroupDetailsForm({ group, onSaved }: { group: UserGroup; onSaved: (next: UserGroup) => void }) {
  const submit = useSubmit();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description ?? '');

  const changes: UpdateUserGroupBody = {};
  if (name.trim() !== group.name) changes.name = name.trim();
  if (description.trim() !== (group.description ?? '')) changes.description = description.trim() || null;
  const changed = Object.keys(changes).length > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const next = await groupsApi.update(group.id, changes);
      notifySuccess(`Group “${next.name}” saved`);
      onSaved(next);
    });
  };

  return (
    <Panel title="Details">
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={640}>
          <TextInput
            label="Name"
            description="Datasets keep their grants to the group when it is renamed"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={GROUP_NAME_MAX_LENGTH}
            error={submit.fieldErrors.name}
          />
          <Textarea
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={GROUP_DESCRIPTION_MAX_LENGTH}
            error={submit.fieldErrors.description}
            autosize
            minRows={2}
          />
          <Text size="xs" c="dimmed">
            Created {formatDateTime(group.createdAt)} · last changed {formatDateTime(group.updatedAt)}
          </Text>
          <FormError message={submit.error} />
          <Button
            type="submit"
            loading={submit.busy}
            disabled={!changed || !name.trim()}
            style={{ alignSelf: 'flex-start' }}
          >
            Save changes
          </Button>
        </Stack>
      </form>
    </Panel>
  );
}
