// Admin-only pages: everyone else sees why they cannot be here (the server refuses them anyway).
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Outlet } from 'react-router-dom';
import { usePageTitle } from '../hooks/use-page-title';
import { useCurrentUser } from '../session/session-context';

export function RequireAdmin() {
  const user = useCurrentUser();
  return user.role === 'ADMIN' ? <Outlet /> : <AdminsOnly />;
}

/** Its own component: the admin pages title themselves, and a hook here must not run over them. */
function AdminsOnly() {
  usePageTitle('For admins only');
  return (
    <Alert color="gray" icon={<IconLock size={18} />} title="For admins only">
      Managing the team is for admins. Ask an admin if you need someone invited or a role changed.
    </Alert>
  );
}
