// The error sentence above a form's submit button, announced to screen readers.
import { Alert } from '@mantine/core';

export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}
