// "New group": a name unique on the server (regardless of case) and an optional description; members are added next.
import { Textarea, TextInput } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { useState } from 'react';
import { groupsApi } from '../../api/groups-api';
import { FormDialog } from '../../components/form-dialog';
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

  const onSubmit = () => {
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
    <FormDialog
      opened={opened}
      title="New group"
      onClose={close}
      onSubmit={onSubmit}
      submit={submit}
      submitLabel="Create group"
      submitDisabled={!name.trim()}
    >
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
    </FormDialog>
  );
}
