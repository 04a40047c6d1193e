// useConfirmTarget: the row a confirmation dialog asks about (Remove, Revoke, Delete), and the props that open and close it.
import { useState } from 'react';

export interface ConfirmTarget<T> {
  /** The row being confirmed; undefined while the dialog is closed. */
  target: T | undefined;
  ask: (row: T) => void;
  opened: boolean;
  onClose: () => void;
  /** For the dialog's onConfirm: runs `action` on the row being confirmed. */
  confirm: (action: (row: T) => Promise<void>) => () => Promise<void>;
}

export function useConfirmTarget<T>(): ConfirmTarget<T> {
  const [target, setTarget] = useState<T | undefined>(undefined);
  return {
    target,
    ask: setTarget,
    opened: target !== undefined,
    onClose: () => setTarget(undefined),
    confirm: (action) => async () => {
      if (target !== undefined) await action(target);
    },
  };
}
