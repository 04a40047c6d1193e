// The endless grid's geometry: how many tiles fit a row at the chosen thumbnail size, and how tall a row is.
import { CAPTION_HEIGHT } from './grid-tile';

export const GRID_GAP = 8;
export const MIN_TILE = 120;
export const MAX_TILE = 400;
export const DEFAULT_TILE = 200;

export interface GridLayout {
  columns: number;
  tileWidth: number;
  rowHeight: number;
}

/** Tiles of about `size` px fill the width; each keeps a 4:3 picture and its caption. */
export function gridLayout(width: number, size: number): GridLayout {
  const columns = Math.max(1, Math.floor((width + GRID_GAP) / (size + GRID_GAP)));
  const tileWidth = Math.max(1, Math.floor((width - GRID_GAP * (columns - 1)) / columns));
  return { columns, tileWidth, rowHeight: Math.round((tileWidth * 3) / 4) + CAPTION_HEIGHT + GRID_GAP };
}
