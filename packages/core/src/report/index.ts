/**
 * Funders' pipeline reports: the counters they are made from (one vocabulary, written only by `stage` and the
 * eligibility check, per call and month of the event), the frozen per-period snapshots readers are served, and
 * the report's shapes.
 */
export * from "./schema.js";
export {
  breakdownQuestions,
  breakdowns,
  byMonth,
  Counter,
  counters,
  countAttempt,
  monthOf,
  ofMonth,
  shardOf,
  update,
  type Change,
} from "./counters.js";
export {
  boundsOf,
  countCell,
  due,
  dueAt,
  medianOf,
  monthSnapshot,
  monthsOf,
  monthsOfQuarter,
  nextQuarter,
  protect,
  quarterSnapshot,
  quartersOf,
  rangeOf,
  roundToFive,
  roundToThousand,
  settleMs,
  snapshotEveryMinutes,
  threshold,
  type Categories,
  type Range,
  type Relation,
} from "./snapshot.js";
export { categoriesOf, dynamoStore, make, snapshotDue, stored, type SnapshotStore } from "./store.js";
export { monthFields, neutralise, pipeline, pipelineCsv, pipelineCsvName, readers } from "./pipeline.js";
