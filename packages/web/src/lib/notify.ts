// Toasts: a short confirmation on success, the API's sentence on failure.
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/api-error';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}

export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: messageOf(error), autoClose: 8000 });
}
