// The signed-in frame: header with the product name and the account menu, navigation on the left, the page in the middle.
import { AppShell, Burger, Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconStack2 } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router-dom';
import { AccountMenu } from './account-menu';
import { MainNav } from './main-nav';

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <UnstyledButton component={Link} to="/datasets" aria-label="Teamset home">
              <Group gap={8}>
                <ThemeIcon size={30} radius="md" variant="filled">
                  <IconStack2 size={18} />
                </ThemeIcon>
                <Text fw={700} size="lg">
                  Teamset
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <AccountMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <MainNav onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <div style={{ maxWidth: 1120 }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
