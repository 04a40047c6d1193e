// A dialog around a short form: the fields, the server's sentence when it refuses, and Cancel / the submit button.
import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import type { SubmitState } from '../hooks/use-submit';
import { FormError } from './form-error';

export interface FormDialogProps {
  opened: boolean;
  title: string;
  onClose: () => void;
  /** Runs on submit (the browser's own submit is prevented). */
  onSubmit: () => void;
  submit: SubmitState;
  submitLabel: string;
  submitDisabled: boolean;
  children: ReactNode;
}

export function FormDialog({
  opened,
  title,
  onClose,
  onSubmit,
  submit,
  submitLabel,
  submitDisabled,
  children,
}: FormDialogProps) {
  const send = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={send} noValidate>
        <Stack>
          {children}
          <FormError message={submit.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={submit.busy} disabled={submitDisabled}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
