// Team › Users: search by name or email, a page at a time; change roles, open or remove a user.
import { Paper } from '@mantine/core';
import { usersApi } from '../../api/users-api';
import { useSearchPages } from '../../hooks/use-search-pages';
import { UsersTable } from './users-table';

const PAGE_SIZE = 20;

export function UsersTab() {
  const users = useSearchPages(usersApi.list, PAGE_SIZE);
  return (
    <Paper withBorder p="lg">
      <UsersTable users={users} />
    </Paper>
  );
}
