// A synthetic COCO detection file of any size, written in pieces (never held whole), deterministic from its arguments.
import { closeSync, openSync, writeSync } from 'node:fs';

const CATEGORY_NAMES = [
  'person',
  'bicycle',
  'car',
  'motorcycle',
  'airplane',
  'bus',
  'train',
  'truck',
  'boat',
  'traffic light',
];

/** A fixed pseudo-random number in [0, 1) for (i, k). */
function unit(i, k) {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(k + 7, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}

const round2 = (n) => Math.round(n * 100) / 100;

/** 80 categories with COCO-like ids (1…90 with gaps) and names. */
export function syntheticCategories() {
  const out = [];
  for (let i = 0, id = 1; i < 80; i++, id += i % 8 === 0 ? 2 : 1)
    out.push({ id, name: `${CATEGORY_NAMES[i % 10]} ${Math.floor(i / 10)}`, supercategory: 'thing' });
  return out;
}

/** Image i: 640×480 or 480×640. */
export function syntheticImage(i) {
  const landscape = i % 4 !== 3;
  return {
    id: i + 1,
    file_name: `${String(i).padStart(12, '0')}.jpg`,
    width: landscape ? 640 : 480,
    height: landscape ? 480 : 640,
  };
}

/** Box k of image i, in pixels, inside the image. */
export function syntheticBox(i, k) {
  const { width, height } = syntheticImage(i);
  const w = round2(8 + unit(i, k) * (width / 3));
  const h = round2(8 + unit(i, k + 50) * (height / 3));
  return [round2(unit(i, k + 100) * (width - w)), round2(unit(i, k + 150) * (height - h)), w, h];
}

/** Writes `images` images with `boxesPerImage` boxes each to `path`; returns the counts. */
export function writeSyntheticCoco(path, { images, boxesPerImage }) {
  const categories = syntheticCategories();
  const fd = openSync(path, 'w');
  try {
    writeSync(
      fd,
      `{"info":{"description":"synthetic","year":2026},"licenses":[],"categories":${JSON.stringify(categories)},"images":[`,
    );
    let piece = [];
    const flush = (last) => {
      if (piece.length > 0) writeSync(fd, piece.join(',') + (last ? '' : ','));
      piece = [];
    };
    for (let i = 0; i < images; i++) {
      piece.push(JSON.stringify(syntheticImage(i)));
      if (piece.length === 1000) flush(i === images - 1);
    }
    flush(true);
    writeSync(fd, '],"annotations":[');
    let id = 0;
    for (let i = 0; i < images; i++) {
      for (let k = 0; k < boxesPerImage; k++) {
        const bbox = syntheticBox(i, k);
        const category = categories[(i * 7 + k) % categories.length];
        piece.push(
          `{"id":${++id},"image_id":${i + 1},"category_id":${category.id},"bbox":[${bbox.join(',')}],"area":${round2(bbox[2] * bbox[3])},"iscrowd":0}`,
        );
        if (piece.length === 5000) flush(id === images * boxesPerImage);
      }
    }
    flush(true);
    writeSync(fd, ']}\n');
  } finally {
    closeSync(fd);
  }
  return { images, annotations: images * boxesPerImage, categories: categories.length };
}
