// Deleting a group, confirmed by typing its name: its members lose the dataset access it gave them at once.
import { Text } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { groupsApi } from '../../api/groups-api';
import { TypeToConfirm } from '../../components/type-to-confirm';
import { notifySuccess } from '../../lib/notify';

export function DeleteGroup({ group, onDeleted }: { group: UserGroup; onDeleted: () => void }) {
  const remove = async () => {
    await groupsApi.delete(group.id);
    notifySuccess(`Group “${group.name}” deleted`);
    onDeleted();
  };
  return (
    <TypeToConfirm
      heading="Delete this group"
      consequence="Its members keep their accounts, but lose the dataset access this group gave them."
      actionLabel="Delete group"
      dialogTitle="Delete group?"
      name={group.name}
      nameLabel="Group name"
      onConfirm={remove}
    >
      <Text size="sm">
        “{group.name}” and its grants on datasets are deleted. Its{' '}
        {group.users.length === 1 ? 'member loses' : `${group.users.length} members lose`} the access it gave at once.
        This cannot be undone. Type the group’s name to confirm.
      </Text>
    </TypeToConfirm>
  );
}
