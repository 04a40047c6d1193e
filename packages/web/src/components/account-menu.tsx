// The account menu in the upper right: who is signed in, Settings, API keys, sign out.
import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconSettings } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { notifyError } from '../lib/notify';
import { ROLE_LABELS } from '../lib/roles';
import { useCurrentUser, useSession } from '../session/session-context';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function AccountMenu() {
  const user = useCurrentUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" width={240} withArrow>
      <Menu.Target>
        {/* Named by its content (the hidden sentence), not aria-label: what it shows must be part of its name. */}
        <UnstyledButton>
          <VisuallyHidden>Account menu for {user.name}</VisuallyHidden>
          <Group gap={8} aria-hidden>
            <Avatar color="blue" radius="xl" size={34}>
              {initials(user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {user.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email} · {ROLE_LABELS[user.role]}
        </Menu.Label>
        <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => void navigate('/settings/account')}>
          Settings
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => void navigate('/settings/api-keys')}>
          API keys
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => void signOut().catch((error: unknown) => notifyError(error))}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
