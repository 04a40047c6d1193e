// Finds an existing user by name or email as you type (searched on the server, admins only); says so when none matches.
import { Autocomplete, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { User } from '@teamset/contract';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { usersApi } from '../api/users-api';
import { useApi } from '../hooks/use-api';
import { looksLikeEmail } from '../lib/email-check';

const SUGGESTIONS = 10;

export interface UserPickerProps {
  label: string;
  /** The typed text: a name or email to search, or the email of the chosen user. */
  value: string;
  onChange: (value: string) => void;
  /** Ids of users not to offer (e.g. already members). */
  exclude?: ReadonlySet<string>;
  /** What to add to "No user with that email" (e.g. that Add invites them). */
  noMatchHint?: string;
  error?: ReactNode;
  description?: ReactNode;
  w?: number | string;
  /** A suggestion was chosen (click or Enter), with its email. */
  onPick?: (user: User) => void;
  /** The form's own search of the same text (useUserSearch), so one keystroke asks the server once. */
  search?: UserSearch;
}

export interface UserSearch {
  users: User[] | undefined;
  settled: boolean;
}

/** The user whose email is exactly the typed text, among the suggestions. */
export function exactMatch(users: readonly User[] | undefined, text: string): User | undefined {
  const email = text.trim().toLowerCase();
  return users?.find((u) => u.email === email);
}

export function useUserSearch(value: string): UserSearch {
  const [search] = useDebouncedValue(value.trim(), 250);
  const found = useApi(
    () => (search ? usersApi.list({ search, pageSize: SUGGESTIONS }) : Promise.resolve(undefined)),
    [search],
  );
  // Only an answer for what is typed now counts: "no match" must not flash while the search catches up.
  const settled = search === value.trim() && !found.loading;
  return { users: found.data?.users, settled };
}

export function UserPicker({
  label,
  value,
  onChange,
  exclude,
  noMatchHint,
  error,
  description,
  w = 340,
  search,
  onPick,
}: UserPickerProps) {
  const own = useUserSearch(search ? '' : value);
  const { users: found, settled } = search ?? own;
  const users = (found ?? []).filter((u) => !exclude?.has(u.id));
  const byEmail = new Map<string, User>(users.map((u) => [u.email, u]));
  const noMatch = settled && looksLikeEmail(value) && !exactMatch(found, value);

  return (
    <Autocomplete
      label={label}
      placeholder="Name or email"
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={onChange}
      onOptionSubmit={(email) => {
        const user = byEmail.get(email);
        if (user) onPick?.(user);
      }}
      data={users.map((u) => u.email)}
      // The server already matched names and emails; filtering again by the email text would drop name matches.
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const user = byEmail.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{user?.name ?? option.value}</Text>
            <Text size="xs" c="dimmed">
              {option.value}
            </Text>
          </Stack>
        );
      }}
      error={error}
      description={
        noMatch ? (
          <span role="status">No user with that email.{noMatchHint ? ` ${noMatchHint}` : ''}</span>
        ) : (
          description
        )
      }
      autoComplete="off"
      w={w}
    />
  );
}
