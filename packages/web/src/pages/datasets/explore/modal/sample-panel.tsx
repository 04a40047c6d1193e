// The modal's side panel: the sample's file, tags (removable with TAG), metadata and own fields, label fields summarized.
import { Badge, CloseButton, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import type { ReactNode } from 'react';
import { Attributes } from './label-card';
import { customFields, metadataEntries } from './field-values';

interface SamplePanelProps {
  sample: Sample;
  /** Present when the user may tag: each tag gets a remove button. */
  onUntag?: ((tag: string) => void) | undefined;
  /** The tag form, shown under the tags. */
  children?: ReactNode;
}

export function SamplePanel({ sample, onUntag, children }: SamplePanelProps) {
  const metadata = metadataEntries(sample.metadata);
  const fields = customFields(sample);
  return (
    <Paper withBorder p="sm" role="region" aria-label="Sample fields">
      <ScrollArea.Autosize mah="min(44vh, 480px)" type="auto">
        <Stack gap="xs">
          <Section title="File">
            <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }} data-sample-filepath>
              {sample.filepath}
            </Text>
            <Text size="xs" c="gray.7" ff="monospace">
              {sample.id}
            </Text>
          </Section>
          <Section title="Tags">
            <Group gap={4} role="group" aria-label="Sample tags">
              {sample.tags.length === 0 ? (
                <Text size="xs" c="gray.7">
                  No tags
                </Text>
              ) : (
                sample.tags.map((tag) => (
                  <Badge
                    key={tag}
                    size="sm"
                    variant="light"
                    color="gray"
                    tt="none"
                    rightSection={
                      onUntag ? (
                        <CloseButton size="xs" aria-label={`Remove tag ${tag}`} onClick={() => onUntag(tag)} />
                      ) : undefined
                    }
                  >
                    {tag}
                  </Badge>
                ))
              )}
            </Group>
            {children}
          </Section>
          {metadata.length > 0 ? (
            <Section title="Metadata">
              <Attributes rows={metadata} />
            </Section>
          ) : null}
          {fields.length > 0 ? (
            <Section title="Fields">
              <Attributes rows={fields} />
            </Section>
          ) : null}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={4} size="xs" c="gray.7" tt="uppercase">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
