// A value to copy (a key, a link, a command): shown in full in monospace, with a labelled copy button.
import { ActionIcon, Code, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

export function CopyField({ label, value, block = false }: { label: string; value: string; block?: boolean }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4} id={`copy-${label.replace(/\W+/g, '-')}`}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code
          block={block}
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: block ? 'pre-wrap' : undefined }}
          aria-labelledby={`copy-${label.replace(/\W+/g, '-')}`}
          data-copy-value
        >
          {value}
        </Code>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
              <ActionIcon
                variant="light"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label={`Copy ${label.toLowerCase()}`}
              >
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}
