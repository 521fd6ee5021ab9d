/**
 * What an applicant page may weigh, HTML and stylesheet together. Raw: Thai, Burmese and Khmer take three bytes
 * a character, so a page that reads the same as an English one weighs twice as much uncompressed.
 */
export const pageBudgetBytes = 48 * 1024;

/**
 * The same, as sent compressed: TCP's first flight is ten segments, about 14 KB, so a page within it arrives in
 * one round trip, which on a slow, lossy mobile link is most of the wait.
 */
export const sentBudgetBytes = 14 * 1024;
