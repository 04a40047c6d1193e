// The small red Remove of a table row, named for the row it removes (screen readers hear which one).
import { Button } from '@mantine/core';

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button color="red" variant="subtle" size="xs" onClick={onClick} aria-label={label}>
      Remove
    </Button>
  );
}
