// useSubmit: runs a form's API call, tracking busy state and the server's error sentence (and the field it blamed).
import { useCallback, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';

export interface SubmitState {
  busy: boolean;
  /** The sentence to show above the form, when the error is not about one field. */
  error: string | undefined;
  /** Errors the server pinned on a field, by field name. */
  fieldErrors: Record<string, string>;
  run: (action: () => Promise<void>) => Promise<void>;
  /** Shows a problem the browser found before sending (on `field` when given), as if the server had said it. */
  reject: (message: string, field?: string) => void;
  clear: () => void;
}

export function useSubmit(): SubmitState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await action();
    } catch (failure) {
      const field = failure instanceof ApiError ? failure.field : undefined;
      if (field) setFieldErrors({ [field]: messageOf(failure) });
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }, []);

  const reject = useCallback((message: string, field?: string) => {
    setError(field ? undefined : message);
    setFieldErrors(field ? { [field]: message } : {});
  }, []);

  const clear = useCallback(() => {
    setError(undefined);
    setFieldErrors({});
  }, []);

  return { busy, error, fieldErrors, run, reject, clear };
}
