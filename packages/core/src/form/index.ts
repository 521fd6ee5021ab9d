export { notWholeError, parseTypedNumber, readTypedNumber, type TypedNumber } from "./amount.js";
