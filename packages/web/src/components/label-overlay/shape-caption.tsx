// A label's name drawn at its shape's corner: the whole name, even past a small box's edge, at one size on screen whatever the zoom.
import { captionTextColor } from '../../lib/label-shapes';
export function ShapeCaption({
  caption,
  label,
  color,
  x,
  y,
  compact,
  zoom,
}: {
  caption: string;
  /** The label's name alone (the caption may add the confidence). */
  label: string;
  color: string;
  /** The corner, relative to the picture. */
  x: number;
  y: number;
  compact: boolean;
  zoom: number;
}) {
  return (
    <span
      data-shape-caption
      data-label-name={label}
      style={{
        position: 'absolute',
        left: `${x * 100}%`,
        top: `${y * 100}%`,
        transform: zoom !== 1 ? `scale(${1 / zoom})` : undefined,
        transformOrigin: '0 0',
        // The whole name, even on a box narrower than it: the label is the point of the box.
        whiteSpace: 'nowrap',
        background: color,
        color: captionTextColor(color),
        fontSize: compact ? 10 : 12,
        lineHeight: compact ? '13px' : '16px',
        padding: '0 3px',
        fontWeight: 600,
        pointerEvents: 'none',
      }}
    >
      {caption}
    </span>
  );
}
