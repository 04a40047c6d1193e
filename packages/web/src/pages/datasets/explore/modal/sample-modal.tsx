// One sample of the view opened large, stepping through the samples the grid has loaded.
import { SampleViewer } from '../../sample-viewer';
import type { SampleModalProps } from '../explore-types';

export function SampleModal({ scope, sampleId, loaded, onOpen, onClose }: SampleModalProps) {
  const samples = [...loaded.samples];
  const index = samples.findIndex((sample) => sample.id === sampleId);
  return (
    <SampleViewer
      dataset={scope.dataset.name}
      samples={samples}
      index={index >= 0 ? index : undefined}
      labelField={scope.visibleLabelFields[0]}
      onChange={(next) => {
        const sample = next !== undefined ? samples[next] : undefined;
        if (sample) onOpen(sample.id);
        else onClose();
      }}
    />
  );
}
