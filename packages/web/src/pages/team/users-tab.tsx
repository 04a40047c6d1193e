// Team › Users: search by name or email, a page at a time; change roles, open or remove a user.
import { Center, Group, Loader, Pagination, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { usersApi } from '../../api/users-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { UsersTable } from './users-table';

const PAGE_SIZE = 20;

export function UsersTab() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const users = useApi(() => usersApi.list({ search: debounced, page, pageSize: PAGE_SIZE }), [debounced, page]);
  const pages = users.data ? Math.max(1, Math.ceil(users.data.total / PAGE_SIZE)) : 1;

  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="md">
        <TextInput
          label="Search users"
          placeholder="Name or email"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={320}
        />
        {users.data ? (
          <Text size="sm" c="dimmed" aria-live="polite">
            {users.data.total} {users.data.total === 1 ? 'user' : 'users'}
          </Text>
        ) : null}
      </Group>
      {users.error ? (
        <LoadError error={users.error} onRetry={users.reload} />
      ) : !users.data ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading users" />
        </Center>
      ) : users.data.users.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {debounced ? `No user matches “${debounced}”.` : 'No users yet.'}
        </Text>
      ) : (
        <UsersTable users={users.data.users} onChanged={users.reload} />
      )}
      {pages > 1 ? (
        <Group justify="center" mt="md">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          />
        </Group>
      ) : null}
    </Paper>
  );
}
