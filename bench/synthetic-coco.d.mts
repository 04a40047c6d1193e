// Types of synthetic-coco.mjs, for the TypeScript tests that generate their large inputs with it.
export interface SyntheticCategory {
  id: number;
  name: string;
  supercategory: string;
}
export interface SyntheticImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}
export function syntheticCategories(): SyntheticCategory[];
export function syntheticImage(i: number): SyntheticImage;
export function syntheticBox(i: number, k: number): [number, number, number, number];
export function writeSyntheticCoco(
  path: string,
  options: { images: number; boxesPerImage: number },
): { images: number; annotations: number; categories: number };
