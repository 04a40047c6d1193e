// Left navigation: Datasets for everyone, Team for admins, Settings (its sections are tabs on the page).
import { NavLink, Stack } from '@mantine/core';
import { IconDatabase, IconSettings, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useCurrentUser } from '../session/session-context';

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const isAdmin = user.role === 'ADMIN';
  const link = (to: string, label: string, icon: ReactNode) => (
    <NavLink
      key={to}
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={pathname === to || pathname.startsWith(`${to}/`)}
      onClick={onNavigate}
    />
  );
  return (
    <Stack gap={2}>
      {link('/datasets', 'Datasets', <IconDatabase size={18} />)}
      {isAdmin ? link('/team', 'Team', <IconUsers size={18} />) : null}
      {link('/settings', 'Settings', <IconSettings size={18} />)}
    </Stack>
  );
}
