// "New group": a name unique on the server (regardless of case), an optional description and, if wanted, its first members.
import { Group, Pill, Textarea, TextInput } from '@mantine/core';
import type { User, UserGroup } from '@teamset/contract';
import { useState } from 'react';
import { groupsApi } from '../../api/groups-api';
import { FormDialog } from '../../components/form-dialog';
import { UserPicker } from '../../components/user-picker';
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
  const [search, setSearch] = useState('');
  const [members, setMembers] = useState<User[]>([]);

  const close = () => {
    submit.clear();
    onClose();
  };

  const onSubmit = () => {
    void submit.run(async () => {
      const group = await groupsApi.create({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(members.length > 0 ? { users: members.map((u) => u.id) } : {}),
      });
      notifySuccess(`Group “${group.name}” created`);
      setName('');
      setDescription('');
      setMembers([]);
      setSearch('');
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
      <UserPicker
        label="Members"
        description="Optional: search by name or email and pick people to add now"
        value={search}
        onChange={setSearch}
        exclude={new Set(members.map((u) => u.id))}
        noMatchHint="Invite them on the Invitations tab first."
        onPick={(user) => {
          setMembers((current) => [...current, user]);
          // Cleared after Mantine sets the picked value, so the field is ready for the next person.
          setTimeout(() => setSearch(''), 0);
        }}
        w="100%"
      />
      {members.length > 0 ? (
        <Group gap={6} aria-label="Members to add">
          {members.map((user) => (
            <Pill
              key={user.id}
              size="md"
              withRemoveButton
              removeButtonProps={{ 'aria-label': `Do not add ${user.email}` }}
              onRemove={() => setMembers((current) => current.filter((u) => u.id !== user.id))}
            >
              {user.name}
            </Pill>
          ))}
        </Group>
      ) : null}
    </FormDialog>
  );
}
