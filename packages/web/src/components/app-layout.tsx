// The signed-in frame: a skip link, header with the product name and the account menu, navigation on the left, the page in the middle.
import { AppShell, Burger, Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconStack2 } from '@tabler/icons-react';
import { Link, Outlet, useMatch } from 'react-router-dom';
import { AccountMenu } from './account-menu';
import { MainNav } from './main-nav';
import { SkipLink } from './skip-link';

const MAIN_ID = 'main-content';
/** Forms and tables read best at this width; the datasets home uses the whole screen for its cards. */
const READING_WIDTH = 1120;

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const wide = useMatch('/datasets') !== null;
  return (
    // md (62em): at 800 px the navigation folds behind the burger so the page keeps its width.
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <SkipLink target={MAIN_ID} />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
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
      <AppShell.Navbar p="sm" aria-label="Main navigation" id="main-navigation">
        <MainNav onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)" id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <div style={wide ? undefined : { maxWidth: READING_WIDTH }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
