// "Skip to main content": the first stop of the Tab key, hidden until focused, so keyboard users can pass the navigation.
import { Anchor } from '@mantine/core';
import { useState, type CSSProperties } from 'react';

const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

const SHOWN: CSSProperties = {
  position: 'fixed',
  top: 8,
  left: 8,
  zIndex: 1000,
  padding: '8px 16px',
  background: 'var(--mantine-color-body)',
  borderRadius: 'var(--mantine-radius-md)',
  boxShadow: 'var(--mantine-shadow-md)',
};

/** `target` is the id of the main element; it needs tabIndex={-1} to take the focus. */
export function SkipLink({ target }: { target: string }) {
  const [focused, setFocused] = useState(false);
  return (
    <Anchor
      href={`#${target}`}
      fw={600}
      style={focused ? SHOWN : HIDDEN}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onClick={(event) => {
        // The router owns the URL: move the focus instead of adding a #fragment to it.
        event.preventDefault();
        document.getElementById(target)?.focus();
      }}
    >
      Skip to main content
    </Anchor>
  );
}
