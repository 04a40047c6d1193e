// The shapes the explore view's parts share: what the sidebar and view bar decide, and what the grid, modal and charts read.
import type { Dataset, Sample, Stage } from '@teamset/contract';

/** What every panel shows: one dataset through one view. */
export interface ExploreScope {
  readonly dataset: Dataset;
  /** The current view in the view language: a saved view's stages, then every sidebar filter. */
  readonly stages: readonly Stage[];
  /** Label fields drawn on thumbnails and in the modal. */
  readonly visibleLabelFields: readonly string[];
  /** Increases after every write made from the App (tagging, say), so each panel reloads. */
  readonly revision: number;
}

/** The samples of the view the grid has loaded so far, in view order: what the modal steps through. */
export interface LoadedSamples {
  readonly samples: readonly Sample[];
  readonly hasMore: boolean;
  loadMore(): Promise<void>;
}

export interface ExploreGridProps {
  scope: ExploreScope;
  selection: ReadonlySet<string>;
  onSelectionChange(next: ReadonlySet<string>): void;
  /**
   * "Select all in view": the whole view is selected (not a list of ids, which could be a million). Optional: when the
   * page does not hold it, the grid keeps it itself and clears it when the view changes.
   */
  viewSelected?: boolean;
  onViewSelectedChange?(selected: boolean): void;
  onOpen(sampleId: string): void;
  /** Called whenever the loaded samples change, so the modal can step through them. */
  onLoaded(loaded: LoadedSamples): void;
  /** After a write (tagging), so counts and other panels reload. */
  onChanged(): void;
}

export interface SampleModalProps {
  scope: ExploreScope;
  sampleId: string;
  loaded: LoadedSamples;
  onOpen(sampleId: string): void;
  onClose(): void;
  onChanged(): void;
}
