// One sample of the view opened large: its picture with every visible label field, its fields, tagging, and ←/→ through the view.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { permissionAtLeast } from '@teamset/contract/constants';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { mediaApi } from '../../../../api/media-api';
import { viewApi } from '../../../../api/view-api';
import { useApi } from '../../../../hooks/use-api';
import { fileName } from '../../../../lib/label-boxes';
import { describeShapes, labelShapes, type LabelShape } from '../../../../lib/label-shapes';
import { notifyError, notifySuccess } from '../../../../lib/notify';
import { metadataSize } from '../../samples-grid';
import type { SampleModalProps } from '../explore-types';
import { LabelCard } from './label-card';
import { ModalStage } from './modal-stage';
import { SamplePanel } from './sample-panel';
import { TagForm } from './tag-form';
import { labelTagBody, sampleTagBody } from './tag-views';
import { useStepThrough } from './use-step-through';

/** Typing in a field (the tag name) uses the arrow keys for the caret, not for stepping. */
function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** A label's identity across reloads (the shape objects are new after every fetch). */
function shapeKey(shape: LabelShape): string {
  return `${shape.field}\u0000${shape.id ?? ''}`;
}

export function SampleModal({ scope, sampleId, loaded, onOpen, onClose, onChanged }: SampleModalProps) {
  const name = scope.dataset.name;
  const canTag = permissionAtLeast(scope.dataset.permission, 'TAG');
  const step = useStepThrough(loaded, sampleId, onOpen);
  // The loaded copy shows at once; the fetched one (the view's filters applied, fresh after a write) replaces it.
  const fetched = useApi(
    () => viewApi.sample(name, scope.stages, sampleId),
    [name, scope.stages, sampleId, scope.revision],
  );
  const fresh = fetched.data?.id === sampleId ? fetched.data : undefined;
  const sample: Sample | undefined = fresh ?? loaded.samples[step.index];
  const shapes = useMemo(
    () => (sample ? labelShapes(sample, scope.visibleLabelFields) : []),
    [sample, scope.visibleLabelFields],
  );
  const [hovered, setHovered] = useState<LabelShape | undefined>(undefined);
  const [pickedKey, setPickedKey] = useState<string | undefined>(undefined);
  const picked = pickedKey !== undefined ? shapes.find((shape) => shapeKey(shape) === pickedKey) : undefined;

  useEffect(() => {
    setHovered(undefined);
    setPickedKey(undefined);
  }, [sampleId]);

  const { previous, next } = step;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowLeft') previous();
      if (event.key === 'ArrowRight') next();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [previous, next]);

  const afterWrite = (message: string) => {
    notifySuccess(message);
    onChanged();
  };
  const tagSample = async (tag: string) => {
    await viewApi.tag(name, sampleTagBody(sampleId, tag));
    afterWrite(`Tagged the sample “${tag}”`);
  };
  const untagSample = async (tag: string) => {
    await viewApi.tag(name, sampleTagBody(sampleId, tag), true);
    afterWrite(`Removed “${tag}” from the sample`);
  };
  const tagLabel = async (tag: string) => {
    if (!picked?.id) return;
    await viewApi.tag(name, labelTagBody(sampleId, { ...picked, id: picked.id }, tag));
    afterWrite(`Tagged the label “${tag}”`);
  };

  const title = sample ? fileName(sample.filepath) : 'Sample';
  const total = `${loaded.samples.length}${loaded.hasMore ? '+' : ''}`;
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="min(1400px, 96vw)"
      centered
      closeButtonProps={{ 'aria-label': 'Close the sample' }}
    >
      {sample ? (
        <Stack gap="sm">
          <Group align="flex-start" gap="md" wrap="nowrap">
            <ModalStage
              src={mediaApi.mediaUrl(name, sample.id)}
              alt={describeShapes(title, shapes)}
              shapes={shapes}
              knownSize={metadataSize(sample)}
              picked={picked}
              onHover={setHovered}
              onPick={(shape) => setPickedKey((key) => (key === shapeKey(shape) ? undefined : shapeKey(shape)))}
            />
            <Stack gap="sm" w={340} style={{ flexShrink: 0 }}>
              <LabelCard shape={hovered ?? picked}>
                {canTag && picked?.id && (hovered === undefined || hovered === picked) ? (
                  <TagForm label="label" onTag={tagLabel} />
                ) : null}
              </LabelCard>
              <SamplePanel
                sample={sample}
                onUntag={
                  canTag
                    ? (tag) => void untagSample(tag).catch((e: unknown) => notifyError(e, 'Could not remove the tag'))
                    : undefined
                }
              >
                {canTag ? <TagForm label="sample" onTag={tagSample} /> : null}
              </SamplePanel>
            </Stack>
          </Group>
          <Group justify="flex-end" gap="xs" wrap="nowrap">
            <Text size="sm" c="gray.7">
              {step.index >= 0 ? `${step.index + 1} of ${total}` : ''}
            </Text>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconChevronLeft size={14} />}
              disabled={!step.hasPrevious}
              onClick={step.previous}
            >
              Previous sample
            </Button>
            <Button
              variant="default"
              size="xs"
              rightSection={<IconChevronRight size={14} />}
              disabled={!step.hasNext}
              loading={step.loadingNext}
              onClick={step.next}
            >
              Next sample
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text c="gray.7">{fetched.loading ? 'Loading the sample…' : 'This sample is not in the current view.'}</Text>
      )}
    </Modal>
  );
}
