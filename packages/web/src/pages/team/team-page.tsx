// Team (admins): the users, the pending invitations, the user groups, the service accounts and every API key, as tabs with their own URLs.
import { Tabs } from '@mantine/core';
import { IconKey, IconMail, IconRobot, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { ApiKeysTab } from './api-keys-tab';
import { usePageTitle } from '../../hooks/use-page-title';
import { GroupsTab } from './groups-tab';
import { InvitationsTab } from './invitations-tab';
import { ServiceAccountsTab } from './service-accounts-tab';
import { UsersTab } from './users-tab';

const TEAM_TAB_TITLES = {
  users: 'Users',
  invitations: 'Invitations',
  groups: 'Groups',
  'service-accounts': 'Service accounts',
  'api-keys': 'API keys',
} as const;

export type TeamTab = keyof typeof TEAM_TAB_TITLES;

export function TeamPage({ tab }: { tab: TeamTab }) {
  const navigate = useNavigate();
  usePageTitle(TEAM_TAB_TITLES[tab], 'Team');
  return (
    <>
      <PageHeader
        title="Team"
        description="Everyone with an account on this server, their roles, the invitations still open, the groups datasets can be shared with, the service accounts jobs run as, and every API key."
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
          <Tabs.Tab value="service-accounts" leftSection={<IconRobot size={16} />}>
            Service accounts
          </Tabs.Tab>
          <Tabs.Tab value="api-keys" leftSection={<IconKey size={16} />}>
            API keys
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
        <Tabs.Panel value="service-accounts">
          <ServiceAccountsTab />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys">
          <ApiKeysTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
