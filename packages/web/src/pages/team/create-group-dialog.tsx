// "New group": a name unique on the server (regardless of case) and an optional description; members are added next.
import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
import { groupsApi } from '../../api/groups-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from '@teamset/contract/constants';
import { notifySuccess } from '../../lib/notify';

export function CreateGroupDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (group: UserGroup) => void;
}) {
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const close = () => {
    submit.clear();
    onClose();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const group = await groupsApi.create({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      notifySuccess(`Group “${group.name}” created`);
      setName('');
      setDescription('');
      onClose();
      onCreated(group);
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="New group" centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            description="Unique on this server, regardless of case"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={GROUP_NAME_MAX_LENGTH}
            error={submit.fieldErrors.name}
            data-autofocus
          />
          <Textarea
            label="Description"
            description="What the group is for, e.g. the team or project"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={GROUP_DESCRIPTION_MAX_LENGTH}
            error={submit.fieldErrors.description}
            autosize
            minRows={2}
          />
          <FormError message={submit.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={submit.busy} disabled={!name.trim()}>
              Create group
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
