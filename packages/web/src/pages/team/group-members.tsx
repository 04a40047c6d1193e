// A group's members: add an existing user, and the member list with Remove (they lose what the group gave them at once).
import { Button, Group, Text } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
import { groupsApi } from '../../api/groups-api';
import { FormError } from '../../components/form-error';
import { exactMatch, UserPicker, useUserSearch } from '../../components/user-picker';
import { useSubmit } from '../../hooks/use-submit';
import { emailProblem } from '../../lib/email-check';
import { notifySuccess } from '../../lib/notify';
import { GroupMembersTable } from './group-members-table';
import { Panel } from '../../components/panel';

export function GroupMembers({ group, onChanged }: { group: UserGroup; onChanged: (next: UserGroup) => void }) {
  const submit = useSubmit();
  const [who, setWho] = useState('');
  const members = new Set(group.users.map((u) => u.id));

  const search = useUserSearch(who);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A picked person goes by id; anything else must at least be an email, never free text taken for an id.
    const picked = exactMatch(search.users, who);
    const problem = picked ? undefined : emailProblem(who);
    if (problem) return submit.reject(`${problem} Or pick someone from the list.`);
    void submit.run(async () => {
      const ref = picked?.id ?? who.trim();
      const next = await groupsApi.addUsers(group.id, [ref]);
      const added = next.users.find((u) => u.email === ref.toLowerCase() || u.id === ref);
      setWho('');
      notifySuccess(`${added?.name ?? ref} was added to ${next.name}`);
      onChanged(next);
    });
  };

  return (
    <Panel title="Members">
      <form onSubmit={onSubmit} noValidate>
        <Group align="flex-end">
          <UserPicker
            label="Add a member"
            value={who}
            onChange={setWho}
            exclude={members}
            noMatchHint="Invite them on the Invitations tab first."
            search={search}
          />
          <Button type="submit" loading={submit.busy} disabled={!who.trim()}>
            Add member
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          Search by name or email; pick someone who already has an account. New people are invited on the Invitations
          tab.
        </Text>
        <FormError message={submit.error ?? Object.values(submit.fieldErrors)[0]} />
      </form>
      <GroupMembersTable group={group} onChanged={onChanged} />
    </Panel>
  );
}
