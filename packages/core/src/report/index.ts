/**
 * Funders' pipeline reports: the counters they are read from (one vocabulary, written only by `stage` and the
 * eligibility check, per call and month of submission) and the report's shapes.
 */
export * from "./schema.js";
/** The stages, for reports that list them in order (from the leaf module: nothing that decrypts). */
export { Stage } from "../stage/stages.js";
export {
  breakdownQuestions,
  breakdowns,
  byMonth,
  Counter,
  counters,
  countAttempt,
  figures,
  monthOf,
  shardOf,
  update,
  type Change,
  type FiguresOptions,
} from "./counters.js";
export {
  breakdownsAsOf,
  callReport,
  medianOf,
  neutralise,
  pipeline,
  pipelineCsv,
  pipelineCsvName,
  readers,
} from "./pipeline.js";
