/**
 * A stand-in for `lede search QUERY DIR` made of the same core (loader + search index), bundled by
 * the fzf benchmark when the CLI does not have a `search` command yet. Prints the top hits, one a line.
 */
import { loadLibrary } from '../../source/core/load/library.js';
import { LibrarySearch } from '../../source/core/search/index.js';

const [query = '', ...paths] = process.argv.slice(2);
const library = await loadLibrary(paths);
const { hits } = new LibrarySearch(library.articles).search(query, { limit: 20 });
process.stdout.write(hits.map((h) => `${library.articles[h.index]!.path}\t${h.snippet.text}`).join('\n') + '\n');
