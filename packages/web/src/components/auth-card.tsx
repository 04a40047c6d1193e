// The frame of the signed-out pages (setup, sign-in, invitation): the product name over one centered card.
import { Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks/use-page-title';

export function AuthCard({
  title,
  pageTitle,
  description,
  children,
}: {
  title: string;
  /** The browser tab's title (default: the card's title). */
  pageTitle?: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(pageTitle ?? title);
  return (
    <Center component="main" mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Stack w="100%" maw={440} gap="lg">
        <Group justify="center" gap={8}>
          <ThemeIcon size={34} radius="md">
            <IconStack2 size={20} />
          </ThemeIcon>
          <Text fw={700} size="xl">
            Teamset
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={2} size="h3">
                {title}
              </Title>
              {description ? (
                <Text c="dimmed" size="sm">
                  {description}
                </Text>
              ) : null}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
