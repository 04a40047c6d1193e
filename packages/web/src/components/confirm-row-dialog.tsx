// Confirming a row's removal: useConfirmTarget holds the row asked about, ConfirmRowDialog asks and acts on it.
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';

export interface ConfirmTarget<T> {
  /** The row being confirmed; undefined while the dialog is closed. */
  target: T | undefined;
  ask: (row: T) => void;
  onClose: () => void;
}

export function useConfirmTarget<T>(): ConfirmTarget<T> {
  const [target, setTarget] = useState<T | undefined>(undefined);
  return { target, ask: setTarget, onClose: () => setTarget(undefined) };
}

export interface ConfirmRowDialogProps<T> {
  target: ConfirmTarget<T>;
  title: string;
  confirmLabel: string;
  onConfirm: (row: T) => Promise<void>;
  /** What confirming does to this row. */
  children: (row: T) => ReactNode;
}

/** A danger confirmation for the row in `target`: open while there is one, closed again once done or cancelled. */
export function ConfirmRowDialog<T>({ target, title, confirmLabel, onConfirm, children }: ConfirmRowDialogProps<T>) {
  const row = target.target;
  const confirm = async () => {
    if (row !== undefined) await onConfirm(row);
  };
  return (
    <ConfirmDialog
      opened={row !== undefined}
      title={title}
      confirmLabel={confirmLabel}
      danger
      onConfirm={confirm}
      onClose={target.onClose}
    >
      {row === undefined ? null : children(row)}
    </ConfirmDialog>
  );
}
