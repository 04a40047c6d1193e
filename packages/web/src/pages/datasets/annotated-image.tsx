// An image fitted into a frame with the sample's label shapes and names over the picture: a placeholder while it loads, and on the tile why it cannot be shown.
import { Anchor, Center, Skeleton, Stack, Text } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useRef, useState, type CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { useElementSize } from '../../hooks/use-element-size';
import { THUMBNAIL_QUEUE, useImageFile, type ImageProblem } from '../../hooks/use-image-file';
import { LabelOverlay } from '../../components/label-overlay/label-overlay';
import { containedRect } from '../../lib/label-boxes';
import { estimateLabelWidth, placeLabel } from '../../lib/label-placement';
import { captionTextColor, labelAnchor, shapeCaption, type LabelShape } from '../../lib/label-shapes';
import { useSession } from '../../session/session-context';

/** From this frame width on, a grid tile shows label names without hovering: below it they would crowd the picture. */
export const LABEL_NAMES_MIN_WIDTH = 260;

export interface AnnotatedImageProps {
  src: string;
  alt: string;
  /** Boxes, keypoints and polylines of the visible label fields (lib/label-shapes), drawn by the shared LabelOverlay. */
  shapes: readonly LabelShape[];
  /** The image's pixel size when known beforehand (sample metadata): kept for callers; shapes wait for the image anyway. */
  knownSize?: { width: number; height: number } | undefined;
  /** Size of the frame (e.g. an aspect ratio for grid cells, a height for the viewer). */
  frameStyle: CSSProperties;
  /** Kept for callers: the image is fetched when the component mounts, and the request cancelled when it unmounts. */
  lazy?: boolean;
  /** One thumbnail among a grid's: its request waits its turn (THUMBNAIL_QUEUE) instead of starting as it mounts. */
  queued?: boolean;
  /** Smaller label text for grid cells. */
  compact?: boolean;
  /** 'always' (the viewer), or 'hover': on hover, while `emphasized` (the tile has focus), or on a frame wide enough. */
  labelNames?: 'always' | 'hover';
  emphasized?: boolean;
}

const PROBLEM_TEXT: Record<ImageProblem, string> = {
  'no-media-root': 'No media root covers this file',
  missing: 'File missing',
  unreadable: 'Unreadable image',
  unavailable: 'Image unavailable',
};

export function AnnotatedImage({
  src,
  alt,
  shapes,
  frameStyle,
  compact = false,
  labelNames = 'always',
  emphasized = false,
  queued = false,
}: AnnotatedImageProps) {
  const frame = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(frame);
  const file = useImageFile(src, queued ? THUMBNAIL_QUEUE : undefined);
  const [hovered, setHovered] = useState(false);
  // Keyed by the object URL: a new image starts over (not decoded, not failed).
  const [decoded, setDecoded] = useState<{ url: string; aspect?: number; failed: boolean } | undefined>(undefined);
  const url = file.status === 'fetched' ? file.url : undefined;
  const current = decoded && decoded.url === url ? decoded : undefined;
  const loaded = current !== undefined && !current.failed;
  const problem: { problem: ImageProblem; message: string } | undefined =
    file.status === 'failed'
      ? file
      : current?.failed
        ? { problem: 'unreadable', message: 'The browser could not decode this image' }
        : undefined;
  const rect =
    loaded && current.aspect !== undefined && width > 0 && height > 0
      ? containedRect(current.aspect, width / height)
      : undefined;
  const showNames = labelNames === 'always' || hovered || emphasized || width >= LABEL_NAMES_MIN_WIDTH;

  return (
    <div
      ref={frame}
      data-image-state={problem ? 'failed' : loaded ? 'loaded' : 'loading'}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      style={{ position: 'relative', overflow: 'hidden', background: 'var(--mantine-color-gray-1)', ...frameStyle }}
    >
      {!loaded && !problem ? (
        <Skeleton data-image-placeholder h="100%" w="100%" radius={0} aria-hidden style={{ position: 'absolute' }} />
      ) : null}
      {problem ? (
        <ProblemNotice {...problem} compact={compact} />
      ) : url ? (
        <img
          src={url}
          data-src={src}
          alt={alt}
          decoding="async"
          onLoad={(event) => {
            const image = event.currentTarget;
            setDecoded({
              url,
              failed: false,
              aspect: image.naturalHeight > 0 ? image.naturalWidth / image.naturalHeight : undefined,
            });
          }}
          onError={() => setDecoded({ url, failed: true })}
          style={{
            display: 'block',
            width: '100%',
            height: '100%',
            objectFit: 'contain',
            // Hidden until decoded, so the placeholder, not half a picture, shows meanwhile.
            visibility: loaded ? 'visible' : 'hidden',
          }}
        />
      ) : null}
      {rect ? (
        <div
          style={{
            position: 'absolute',
            pointerEvents: 'none',
            left: `${rect.left * 100}%`,
            top: `${rect.top * 100}%`,
            width: `${rect.width * 100}%`,
            height: `${rect.height * 100}%`,
          }}
        >
          <LabelOverlay
            shapes={shapes}
            width={rect.width * width}
            height={rect.height * height}
            compact={compact}
            showNames={false}
          />
          {showNames ? (
            <ShapeNames
              shapes={shapes}
              compact={compact}
              picture={{ width: rect.width * width, height: rect.height * height }}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Says on the tile why there is no picture; admins also get the way to fix a missing media root. */
function ProblemNotice({ problem, message, compact }: { problem: ImageProblem; message: string; compact: boolean }) {
  const { user } = useSession();
  const admin = user?.role === 'ADMIN';
  return (
    <Center h="100%" p={4} data-media-unavailable={problem} title={message}>
      <Stack gap={2} align="center">
        <IconPhotoOff size={compact ? 22 : 36} color="var(--mantine-color-gray-6)" aria-hidden />
        <Text size="xs" c="gray.7" ta="center" fw={500}>
          {PROBLEM_TEXT[problem]}
        </Text>
        {admin && (problem === 'no-media-root' || problem === 'missing') ? (
          // Above the tile's open button (z-index), so this link is what a click here follows.
          <Anchor
            component={Link}
            to="/settings/organization#media-roots-title"
            size="xs"
            style={{ position: 'relative', zIndex: 2 }}
          >
            Media roots
          </Anchor>
        ) : null}
      </Stack>
    </Center>
  );
}

interface ShapeNamesProps {
  shapes: readonly LabelShape[];
  compact: boolean;
  /** The drawn picture's size in px, to keep names whole inside it. */
  picture: { width: number; height: number };
}

/** The shapes' names, each placed whole inside the picture (lib/label-placement) rather than cut at its edge. */
function ShapeNames({ shapes, compact, picture }: ShapeNamesProps) {
  const fontSize = compact ? 10 : 12;
  const lineHeight = compact ? 13 : 16;
  return (
    <div aria-hidden style={{ position: 'absolute', inset: 0 }}>
      {shapes.map((shape, i) => {
        const text = shapeCaption(shape, !compact);
        if (!text) return null;
        const [x, y] = labelAnchor(shape);
        const labelWidth = Math.min(estimateLabelWidth(text, fontSize), picture.width);
        const place = placeLabel({
          x: x * picture.width,
          y: y * picture.height,
          labelWidth,
          labelHeight: lineHeight,
          pictureWidth: picture.width,
          pictureHeight: picture.height,
        });
        return (
          <span
            key={i}
            data-label-name={shape.label}
            style={{
              position: 'absolute',
              left: place.left,
              top: place.top,
              maxWidth: picture.width - place.left,
              // The whole name, even on a box narrower than it, moved inside the picture rather than cut at its edge.
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              background: shape.color,
              color: captionTextColor(shape.color),
              fontSize,
              lineHeight: `${lineHeight}px`,
              padding: '0 3px',
              fontWeight: 600,
            }}
          >
            {text}
          </span>
        );
      })}
    </div>
  );
}
