// A danger-zone panel whose delete asks to type the thing's name first, so a slip of the mouse deletes nothing.
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';

export interface TypeToConfirmProps {
  /** The panel's line, e.g. "Delete this dataset". */
  heading: string;
  /** What deleting does, under the heading. */
  consequence: string;
  /** The button's and the dialog's confirm label, e.g. "Delete dataset". */
  actionLabel: string;
  dialogTitle: string;
  /** The name to type. */
  name: string;
  /** The typed field's label, e.g. "Dataset name". */
  nameLabel: string;
  /** The dialog's sentence, ending with what to type. */
  children: ReactNode;
  onConfirm: () => Promise<void>;
}

export function TypeToConfirm({
  heading,
  consequence,
  actionLabel,
  dialogTitle,
  name,
  nameLabel,
  children,
  onConfirm,
}: TypeToConfirmProps) {
  const [opened, setOpened] = useState(false);
  const [typed, setTyped] = useState('');
  const close = () => {
    setOpened(false);
    setTyped('');
  };
  return (
    <Paper withBorder p="lg" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
      <Title order={3} size="h4" c="red.8" mb="md">
        Danger zone
      </Title>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text fw={500} size="sm">
            {heading}
          </Text>
          <Text size="sm" c="dimmed">
            {consequence}
          </Text>
        </div>
        <Button color="red" onClick={() => setOpened(true)}>
          {actionLabel}
        </Button>
      </Group>
      <ConfirmDialog
        opened={opened}
        title={dialogTitle}
        confirmLabel={actionLabel}
        danger
        confirmDisabled={typed !== name}
        onConfirm={onConfirm}
        onClose={close}
      >
        <Stack gap="sm">
          {children}
          <TextInput
            label={nameLabel}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            placeholder={name}
            autoComplete="off"
            data-autofocus
          />
        </Stack>
      </ConfirmDialog>
    </Paper>
  );
}
