// Label shapes over a picture: boxes, keypoints and polylines as SVG, with their names as text that stays readable on small shapes.
import type { CSSProperties, KeyboardEvent } from 'react';
import { labelAnchor, shapeCaption, svgPoints, type LabelShape } from '../../lib/label-shapes';
import { ShapeCaption } from './shape-caption';

/** Width of the invisible stroke that makes a thin line easy to point at, in screen pixels. */
const HIT_WIDTH = 10;

export interface LabelOverlayProps {
  shapes: readonly LabelShape[];
  /** The picture's size on screen in CSS pixels (before any zoom): strokes and text are sized for it. */
  width: number;
  height: number;
  /** Thinner strokes and smaller names, without confidences: for grid thumbnails. */
  compact?: boolean;
  /** Draw the label names (default); a thumbnail may hide them until hovered. */
  showNames?: boolean;
  /** The zoom the overlay is shown at: strokes, points and names are divided by it so they keep their size on screen. */
  zoom?: number;
  /** When given, shapes take the pointer and the keyboard: hovering or focusing one reports it, a click picks it. */
  interaction?: {
    onHover(shape: LabelShape | undefined): void;
    onPick(shape: LabelShape): void;
    /** The picked shape, drawn thicker. */
    picked?: LabelShape | undefined;
  };
  style?: CSSProperties;
}

/** An accessible name for a shape: "car 0.92 in ground_truth". */
function shapeName(shape: LabelShape): string {
  return `${shapeCaption(shape, true) || 'unlabelled'} in ${shape.field}`;
}

export function LabelOverlay({
  shapes,
  width,
  height,
  compact = false,
  showNames = true,
  zoom = 1,
  interaction,
  style,
}: LabelOverlayProps) {
  if (!(width > 0) || !(height > 0)) return null;
  const stroke = (compact ? 1.5 : 2) / zoom;
  const radius = (compact ? 2.5 : 4) / zoom;
  const interactive = interaction !== undefined;
  return (
    <div
      aria-hidden={interactive ? undefined : true}
      style={{ position: 'absolute', inset: 0, pointerEvents: 'none', ...style }}
    >
      <svg
        width="100%"
        height="100%"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        style={{ position: 'absolute', inset: 0, overflow: 'visible' }}
      >
        {shapes.map((shape, i) => {
          const picked = interaction?.picked === shape;
          const width_ = picked ? stroke * 2 : stroke;
          const handlers = interaction
            ? {
                role: 'button',
                tabIndex: 0,
                'aria-label': shapeName(shape),
                'aria-pressed': picked,
                onPointerOver: () => interaction.onHover(shape),
                onPointerOut: () => interaction.onHover(undefined),
                onFocus: () => interaction.onHover(shape),
                onBlur: () => interaction.onHover(undefined),
                onClick: () => interaction.onPick(shape),
                onKeyDown: (event: KeyboardEvent) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    interaction.onPick(shape);
                  }
                },
                style: {
                  // An unfilled line is picked on its stroke only, not across the area its points enclose.
                  pointerEvents: shape.kind === 'polyline' && !shape.filled ? 'stroke' : 'all',
                  cursor: 'pointer',
                } as CSSProperties,
              }
            : {};
          const data = {
            'data-shape-kind': shape.kind,
            'data-shape-label': shape.label,
            'data-shape-field': shape.field,
            ...(shape.id ? { 'data-shape-id': shape.id } : {}),
          };
          if (shape.kind === 'box')
            return (
              <rect
                key={i}
                {...data}
                {...handlers}
                data-box-label={shape.label}
                x={shape.x * width}
                y={shape.y * height}
                width={Math.max(0, shape.w * width)}
                height={Math.max(0, shape.h * height)}
                fill={interactive ? 'transparent' : 'none'}
                stroke={shape.color}
                strokeWidth={width_}
              />
            );
          if (shape.kind === 'points')
            return (
              <g key={i} {...data} {...handlers}>
                {shape.points.map(([x, y], j) => (
                  <circle
                    key={j}
                    cx={x * width}
                    cy={y * height}
                    r={picked ? radius * 1.5 : radius}
                    fill={shape.color}
                    stroke="#fff"
                    strokeWidth={stroke / 2}
                  />
                ))}
              </g>
            );
          return (
            <g key={i} {...data} {...handlers}>
              {shape.paths.map((path, j) => {
                const common = {
                  points: svgPoints(path, width, height),
                  stroke: shape.color,
                  strokeWidth: width_,
                  strokeLinejoin: 'round' as const,
                  fill: shape.filled ? shape.color : 'none',
                  fillOpacity: shape.filled ? 0.25 : undefined,
                };
                return shape.closed ? <polygon key={j} {...common} /> : <polyline key={j} {...common} />;
              })}
              {interactive && !shape.filled
                ? // A thin line is hard to point at: a wider invisible stroke takes the pointer (the inside does not).
                  shape.paths.map((path, j) => (
                    <polyline
                      key={`hit-${j}`}
                      data-hit-area
                      points={svgPoints(shape.closed ? [...path, ...path.slice(0, 1)] : path, width, height)}
                      stroke="transparent"
                      strokeWidth={HIT_WIDTH / zoom}
                      fill="none"
                      style={{ pointerEvents: 'stroke' }}
                    />
                  ))
                : null}
            </g>
          );
        })}
      </svg>
      {(showNames ? shapes : []).map((shape, i) => {
        const caption = shapeCaption(shape, !compact);
        if (!caption) return null;
        const [x, y] = labelAnchor(shape);
        return (
          <ShapeCaption
            key={i}
            label={shape.label}
            caption={caption}
            color={shape.color}
            x={x}
            y={y}
            compact={compact}
            zoom={zoom}
          />
        );
      })}
    </div>
  );
}
