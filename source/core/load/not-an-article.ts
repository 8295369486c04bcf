/**
 * Thrown by a parser when a whole file holds nothing to read (invalid JSON, no article records).
 * The message is the short reason the loader shows for the skipped file.
 */
export class NotAnArticleError extends Error {
  override readonly name = 'NotAnArticleError';
}
