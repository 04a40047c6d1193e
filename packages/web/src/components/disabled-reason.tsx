// Why a control cannot be used now, for everyone: on hover, on keyboard focus, and read by screen readers as its description.
import { Tooltip, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/**
 * A disabled control takes no focus and no pointer events, so a tooltip on it alone reaches only mouse users. The
 * wrapper takes the focus instead (one Tab stop), shows the reason in the tooltip, and names it as its description.
 * Without a reason the control is shown as it is.
 */
export function DisabledReason({ reason, children }: { reason: string | undefined; children: ReactNode }) {
  const id = useId();
  if (!reason) return <>{children}</>;
  return (
    <Tooltip label={reason} withArrow>
      <span tabIndex={0} aria-describedby={id} style={{ display: 'inline-block' }} data-disabled-reason>
        {children}
        <VisuallyHidden id={id}>{reason}</VisuallyHidden>
      </span>
    </Tooltip>
  );
}
