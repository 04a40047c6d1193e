// Finds an existing user by name or email (searched on the server) to add to a group; people already in it are not offered.
import { Autocomplete, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { User } from '@teamset/contract';
import { IconSearch } from '@tabler/icons-react';
import { usersApi } from '../../api/users-api';
import { useApi } from '../../hooks/use-api';

const SUGGESTIONS = 10;

export interface MemberPickerProps {
  /** The typed text: a name or email to search, or the email of the chosen user. */
  value: string;
  onChange: (value: string) => void;
  exclude: ReadonlySet<string>;
}

export function MemberPicker({ value, onChange, exclude }: MemberPickerProps) {
  const [search] = useDebouncedValue(value.trim(), 250);
  const found = useApi(
    () => (search ? usersApi.list({ search, pageSize: SUGGESTIONS }) : Promise.resolve(undefined)),
    [search],
  );
  const users = (found.data?.users ?? []).filter((u) => !exclude.has(u.id));
  const byEmail = new Map<string, User>(users.map((u) => [u.email, u]));

  return (
    <Autocomplete
      label="Add a member"
      placeholder="Name or email"
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={onChange}
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
      autoComplete="off"
      w={340}
    />
  );
}
