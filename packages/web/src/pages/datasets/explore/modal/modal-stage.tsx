// The modal's picture: the full image with its label shapes, zoomed with the wheel or buttons and panned by dragging.
import { ActionIcon, Center, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconPhotoOff, IconZoomIn, IconZoomOut, IconZoomReset } from '@tabler/icons-react';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { LabelOverlay } from '../../../../components/label-overlay/label-overlay';
import { useElementSize } from '../../../../hooks/use-element-size';
import { containedRect } from '../../../../lib/label-boxes';
import type { LabelShape } from '../../../../lib/label-shapes';
import { cssTransform, IDENTITY, panBy, wheelFactor, zoomAt, ZOOM_STEP, type ZoomTransform } from './zoom-pan';

/** Pointer travel before a press becomes a drag: a click on a shape with a shaky hand still picks it. */
const DRAG_THRESHOLD = 4;

export interface ModalStageProps {
  src: string;
  alt: string;
  shapes: readonly LabelShape[];
  knownSize: { width: number; height: number } | undefined;
  picked: LabelShape | undefined;
  onHover(shape: LabelShape | undefined): void;
  onPick(shape: LabelShape): void;
}

export function ModalStage({ src, alt, shapes, knownSize, picked, onHover, onPick }: ModalStageProps) {
  const stage = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(stage);
  const [view, setView] = useState<ZoomTransform>(IDENTITY);
  const [image, setImage] = useState<{ src: string; aspect?: number; failed: boolean }>({ src, failed: false });
  const drag = useRef<{ x: number; y: number; id: number; moving: boolean } | undefined>(undefined);
  const current = image.src === src ? image : { src, failed: false };
  const aspect = current.aspect ?? (knownSize && knownSize.height > 0 ? knownSize.width / knownSize.height : undefined);
  const rect = aspect !== undefined && width > 0 && height > 0 ? containedRect(aspect, width / height) : undefined;

  // A new sample starts unzoomed.
  useEffect(() => setView(IDENTITY), [src]);

  // The wheel zooms at the cursor; a native listener, because React's wheel handler is passive and cannot stop the page scrolling.
  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      const at = { x: event.clientX - box.left, y: event.clientY - box.top };
      setView((t) => zoomAt(t, wheelFactor(event.deltaY), at));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const zoomCentre = (factor: number) => setView((t) => zoomAt(t, factor, { x: width / 2, y: height / 2 }));

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, id: event.pointerId, moving: false };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start || start.id !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (!start.moving && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!start.moving) event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { ...start, x: event.clientX, y: event.clientY, moving: true };
    setView((t) => panBy(t, dx, dy, width, height));
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current?.moving && event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId);
    drag.current = undefined;
  };

  const zoomLabel = `${Math.round(view.scale * 100)}%`;
  return (
    <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
      <div
        ref={stage}
        data-modal-stage
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        style={{
          position: 'relative',
          overflow: 'hidden',
          width: '100%',
          height: 'min(68vh, 760px)',
          background: 'var(--mantine-color-gray-1)',
          cursor: view.scale > 1 ? 'grab' : 'default',
          touchAction: 'none',
          userSelect: 'none',
        }}
      >
        {current.failed ? (
          <Center h="100%" data-media-unavailable>
            <Stack gap={4} align="center">
              <IconPhotoOff size={36} color="var(--mantine-color-gray-5)" aria-hidden />
              <Text size="xs" c="gray.7">
                Image unavailable
              </Text>
            </Stack>
          </Center>
        ) : (
          <div
            data-zoom-layer
            style={{ position: 'absolute', inset: 0, transform: cssTransform(view), transformOrigin: '0 0' }}
          >
            <img
              src={src}
              alt={alt}
              draggable={false}
              decoding="async"
              onLoad={(event) => {
                const img = event.currentTarget;
                setImage({
                  src,
                  failed: false,
                  aspect: img.naturalHeight > 0 ? img.naturalWidth / img.naturalHeight : undefined,
                });
              }}
              onError={() => setImage({ src, failed: true })}
              style={{ display: 'block', width: '100%', height: '100%', objectFit: 'contain' }}
            />
            {rect ? (
              <LabelOverlay
                shapes={shapes}
                width={rect.width * width}
                height={rect.height * height}
                zoom={view.scale}
                interaction={{ onHover, onPick, picked }}
                style={{
                  left: `${rect.left * 100}%`,
                  top: `${rect.top * 100}%`,
                  width: `${rect.width * 100}%`,
                  height: `${rect.height * 100}%`,
                  inset: undefined,
                }}
              />
            ) : (
              <Center h="100%" style={{ position: 'absolute', inset: 0 }}>
                <Loader size="sm" aria-label="Loading the image" />
              </Center>
            )}
          </div>
        )}
      </div>
      <Group gap={4} justify="flex-end">
        <Text size="xs" c="gray.7" aria-live="polite" data-zoom-level>
          {zoomLabel}
        </Text>
        <Tooltip label="Zoom out">
          <ActionIcon
            variant="default"
            aria-label="Zoom out"
            onClick={() => zoomCentre(1 / ZOOM_STEP)}
            disabled={view.scale <= 1}
          >
            <IconZoomOut size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Zoom in">
          <ActionIcon variant="default" aria-label="Zoom in" onClick={() => zoomCentre(ZOOM_STEP)}>
            <IconZoomIn size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Fit the picture">
          <ActionIcon
            variant="default"
            aria-label="Reset zoom"
            onClick={() => setView(IDENTITY)}
            disabled={view.scale === 1}
          >
            <IconZoomReset size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Stack>
  );
}
