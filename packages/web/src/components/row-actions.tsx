// A table row's action buttons: right-aligned on one line, small, each named for its row so screen readers hear which one.
import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export function RowActions({ children }: { children: ReactNode }) {
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {children}
    </Group>
  );
}

export interface RowButtonProps {
  /** What a screen reader hears, naming the row: "Remove Ada", not just "Remove". */
  label: string;
  /** A page to open (the button is a link), or else … */
  to?: string;
  /** … what the button does. */
  onClick?: () => void;
  /** A warning colour (red to delete, orange to disable …) on a light button; without one a plain button. */
  color?: string;
  disabled?: boolean;
  leftSection?: ReactNode;
  children: ReactNode;
}

export function RowButton({ label, to, onClick, color, disabled, leftSection, children }: RowButtonProps) {
  const look = { variant: color ? 'light' : 'default', color, size: 'xs', leftSection, 'aria-label': label } as const;
  return to ? (
    <Button component={Link} to={to} {...look}>
      {children}
    </Button>
  ) : (
    <Button onClick={onClick} disabled={disabled} {...look}>
      {children}
    </Button>
  );
}
