// An image fitted into a frame with the sample's boxes and label names drawn over the picture; a placeholder when it cannot load.
import { Center, Stack, Text } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useRef, useState, type CSSProperties } from 'react';
import { useElementSize } from '../../hooks/use-element-size';
import { containedRect, type LabelBox } from '../../lib/label-boxes';

export interface AnnotatedImageProps {
  src: string;
  alt: string;
  boxes: readonly LabelBox[];
  /** The image's pixel size when known beforehand (sample metadata): the boxes can then be drawn before the image arrives. */
  knownSize?: { width: number; height: number } | undefined;
  /** Size of the frame (e.g. an aspect ratio for grid cells, a height for the viewer). */
  frameStyle: CSSProperties;
  lazy?: boolean;
  /** Smaller label text for grid cells. */
  compact?: boolean;
}

export function AnnotatedImage({
  src,
  alt,
  boxes,
  knownSize,
  frameStyle,
  lazy = false,
  compact = false,
}: AnnotatedImageProps) {
  const frame = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(frame);
  // Keyed by src: a new image starts over (unloaded, not failed).
  const [state, setState] = useState<{ src: string; aspect?: number; failed: boolean }>({ src, failed: false });
  const current = state.src === src ? state : { src, failed: false };
  const aspect = current.aspect ?? (knownSize && knownSize.height > 0 ? knownSize.width / knownSize.height : undefined);
  const rect = aspect !== undefined && width > 0 && height > 0 ? containedRect(aspect, width / height) : undefined;

  return (
    <div
      ref={frame}
      style={{ position: 'relative', overflow: 'hidden', background: 'var(--mantine-color-gray-1)', ...frameStyle }}
    >
      {current.failed ? (
        <Center
          h="100%"
          data-media-unavailable
          title="The server did not serve this image: its file is missing, or no media root (Settings › Organization) covers it"
        >
          <Stack gap={4} align="center">
            <IconPhotoOff size={compact ? 22 : 36} color="var(--mantine-color-gray-5)" aria-hidden />
            <Text size="xs" c="dimmed">
              Image unavailable
            </Text>
          </Stack>
        </Center>
      ) : (
        <img
          src={src}
          alt={alt}
          loading={lazy ? 'lazy' : 'eager'}
          decoding="async"
          onLoad={(event) => {
            const image = event.currentTarget;
            setState({
              src,
              failed: false,
              aspect: image.naturalHeight > 0 ? image.naturalWidth / image.naturalHeight : undefined,
            });
          }}
          onError={() => setState({ src, failed: true })}
          style={{ display: 'block', width: '100%', height: '100%', objectFit: 'contain' }}
        />
      )}
      {rect && !current.failed ? (
        <div
          aria-hidden
          style={{
            position: 'absolute',
            left: `${rect.left * 100}%`,
            top: `${rect.top * 100}%`,
            width: `${rect.width * 100}%`,
            height: `${rect.height * 100}%`,
            pointerEvents: 'none',
          }}
        >
          {boxes.map((box, i) => (
            <div
              key={i}
              data-box-label={box.label}
              style={{
                position: 'absolute',
                left: `${box.x * 100}%`,
                top: `${box.y * 100}%`,
                width: `${box.w * 100}%`,
                height: `${box.h * 100}%`,
                border: `${compact ? 1.5 : 2}px solid ${box.color}`,
                boxSizing: 'border-box',
              }}
            >
              {box.label ? (
                <span
                  style={{
                    position: 'absolute',
                    left: -1,
                    top: -1,
                    // The whole name, even on a box narrower than it: the label is the point of the box.
                    whiteSpace: 'nowrap',
                    background: box.color,
                    color: '#fff',
                    fontSize: compact ? 10 : 12,
                    lineHeight: compact ? '13px' : '16px',
                    padding: '0 3px',
                    fontWeight: 600,
                  }}
                >
                  {box.label}
                  {!compact && box.confidence !== undefined ? ` ${box.confidence.toFixed(2)}` : ''}
                </span>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
