// Team (admins): the users, the pending invitations and the user groups, as tabs with their own URLs.
import { Tabs } from '@mantine/core';
import { IconMail, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { usePageTitle } from '../../hooks/use-page-title';
import { GroupsTab } from './groups-tab';
import { InvitationsTab } from './invitations-tab';
import { UsersTab } from './users-tab';

const TEAM_TAB_TITLES = { users: 'Users', invitations: 'Invitations', groups: 'Groups' } as const;

export function TeamPage({ tab }: { tab: 'users' | 'invitations' | 'groups' }) {
  const navigate = useNavigate();
  usePageTitle(TEAM_TAB_TITLES[tab], 'Team');
  return (
    <>
      <PageHeader
        title="Team"
        description="Everyone with an account on this server, their roles, the invitations still open, and the groups datasets can be shared with."
      />
      <Tabs value={tab} onChange={(value) => value && void navigate(`/team/${value}`)} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            Users
          </Tabs.Tab>
          <Tabs.Tab value="invitations" leftSection={<IconMail size={16} />}>
            Invitations
          </Tabs.Tab>
          <Tabs.Tab value="groups" leftSection={<IconUsersGroup size={16} />}>
            Groups
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="invitations">
          <InvitationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="groups">
          <GroupsTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
