/** The article-loading core: what the CLI and the views need, nothing else. */
export { loadLibrary, libraryFromBytes, readLibraryFromBytes, DEFAULT_MAX_FILE_BYTES, type LoadOptions } from './library.js';
export { readStreamCapped, readFileCapped, type CappedBytes } from './read-capped.js';
export { decodeBytes, type DecodeResult } from './decode.js';
export { walkPaths, LINK_LEAVES_TREE, NOT_REGULAR, type FoundFile, type WalkOptions, type WalkResult } from './walk.js';
export { sniffFormat, formatForPath, parseArticles, type FileFormat } from './parse.js';
export { formatSize } from './format-size.js';
