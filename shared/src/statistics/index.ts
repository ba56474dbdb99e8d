export { Z_95 } from './distributions';
export { clopperPearsonInterval, wilsonCorrectedInterval, wilsonInterval, type Interval } from './proportions';
export {
  mcnemarTest,
  newcombePairedInterval,
  pairedDifference,
  tangoPairedInterval,
  waldPairedInterval,
  type McNemarResult,
  type PairedTable,
} from './paired-binary';
export { bowkerTest, stuartMaxwellTest, type ChiSquareResult } from './paired-ordinal';
export { wilcoxonSignedRank, type WilcoxonOptions, type WilcoxonResult } from './wilcoxon';
