import type { SnapshotCategory } from '../contracts/publications';
import type { CompiledSurvey, QuestionSpec } from '../surveys/definition/compile-survey';
import type { ElementJson, SurveyDefinition } from '../surveys/definition/survey-definition';
import {
  NOT_ANSWERED,
  REFUSED,
  customCategory,
  elementsByName,
  labelOf,
  refusable,
  substantiveValues,
  type CatalogueTable,
  type Dimension,
  type DimensionSource,
  type Joint,
  type PairTable,
} from './catalogue';

/** The catalogue under construction, and the ways a dimension or a joint enters it (each once). */
export interface CatalogueContext {
  readonly compiled: CompiledSurvey;
  /** The definition's elements by name, for titles and labels. */
  readonly elements: ReadonlyMap<string, ElementJson>;
  readonly dimensions: Map<string, Dimension>;
  readonly joints: Joint[];
  readonly tables: CatalogueTable[];
  readonly pairs: PairTable[];
  readonly warnings: string[];
  /** The joint over these dimensions (added the first time); its id. */
  readonly addJoint: (dims: readonly string[]) => string;
  /** A dimension and its one-dimension joint (added the first time); its id. */
  readonly addDimension: (
    id: string,
    source: DimensionSource,
    substantive: readonly string[],
    withRefused: boolean,
    customAs?: string,
  ) => string;
  /** The dimension of a single-choice question. */
  readonly singleDimension: (question: QuestionSpec) => string;
  /** A question's substantive answers with their labels. */
  readonly categoriesOf: (question: QuestionSpec, element: ElementJson | undefined) => SnapshotCategory[];
}

export function catalogueContext(definition: SurveyDefinition, compiled: CompiledSurvey): CatalogueContext {
  const dimensions = new Map<string, Dimension>();
  const joints: Joint[] = [];
  const jointIds = new Set<string>();

  const addJoint = (dims: readonly string[]): string => {
    const id = dims.join('×');
    if (!jointIds.has(id)) {
      jointIds.add(id);
      joints.push({ id, dimensions: dims });
    }
    return id;
  };
  const addDimension = (
    id: string,
    source: DimensionSource,
    substantive: readonly string[],
    withRefused: boolean,
    customAs?: string,
  ): string => {
    if (!dimensions.has(id)) {
      dimensions.set(id, {
        id,
        source,
        substantive,
        categories: [...substantive, ...(withRefused ? [REFUSED] : []), NOT_ANSWERED],
        ...(customAs ? { customAs } : {}),
      });
      addJoint([id]);
    }
    return id;
  };
  const singleDimension = (question: QuestionSpec) =>
    addDimension(
      question.name,
      { kind: 'single', question: question.name },
      substantiveValues(question),
      refusable(question),
      customCategory(question),
    );
  const categoriesOf = (question: QuestionSpec, element: ElementJson | undefined) =>
    substantiveValues(question).map((value) => ({ value, label: labelOf(element, value) }));
  return {
    compiled,
    elements: elementsByName(definition),
    dimensions,
    joints,
    tables: [],
    pairs: [],
    warnings: [],
    addJoint,
    addDimension,
    singleDimension,
    categoriesOf,
  };
}
