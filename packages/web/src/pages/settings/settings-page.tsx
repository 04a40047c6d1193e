// Settings: your account, your API keys, and (admins) the organization's defaults, as tabs with their own URLs.
import { Tabs } from '@mantine/core';
import { IconBuilding, IconKey, IconUserCircle } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { usePageTitle } from '../../hooks/use-page-title';
import { useCurrentUser } from '../../session/session-context';
import { AccountSettings } from './account-settings';
import { ApiKeysSettings } from './api-keys-settings';
import { OrganizationSettingsPanel } from './organization-settings';

export type SettingsTab = 'account' | 'api-keys' | 'organization';

const SETTINGS_TAB_TITLES: Record<SettingsTab, string> = {
  account: 'Account',
  'api-keys': 'API keys',
  organization: 'Organization',
};

export function SettingsPage({ tab }: { tab: SettingsTab }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const isAdmin = user.role === 'ADMIN';
  usePageTitle(SETTINGS_TAB_TITLES[tab], 'Settings');
  return (
    <>
      <PageHeader title="Settings" />
      <Tabs value={tab} onChange={(value) => value && void navigate(`/settings/${value}`)} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="account" leftSection={<IconUserCircle size={16} />}>
            Account
          </Tabs.Tab>
          <Tabs.Tab value="api-keys" leftSection={<IconKey size={16} />}>
            API keys
          </Tabs.Tab>
          {isAdmin ? (
            <Tabs.Tab value="organization" leftSection={<IconBuilding size={16} />}>
              Organization
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="account">
          <AccountSettings />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys">
          <ApiKeysSettings />
        </Tabs.Panel>
        <Tabs.Panel value="organization">
          <OrganizationSettingsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
