import { Box, Text } from 'ink';
import { mentionsIn, type MentionField } from '../core/entities';
import { mentionCountLabel } from '../core/entities/chunked';
import { type HighlightLayer, visibleHighlights } from '../core/layout/highlights';
import { pagePosition } from '../core/layout/paginate';
import { segmentLine } from '../core/layout/segments';
import { hyperlink } from '../core/osc';
import { sanitizeSingleLine } from '../core/sanitize';
import type { Article } from '../core/article';
import { displayWidth, truncateToWidth } from '../core/layout/text-width';
import { metadataLayout } from '../state/article-meta';
import { panelHasFocus, selectedEntity } from '../state/panel';
import { frameHeight, panelRowsBelow, readerPage, type Viewport } from '../state/geometry';
import { readerLayout } from '../state/position';
import type { ArticleSearch, State } from '../state/types';
import { EntityPanel } from './entity-panel';
import { StatusLine } from './footer';
import { PromptLine } from './prompt-line';
import { Segments } from './segments';
import { Styled, useTheme } from './styled';
import { glyphs } from './theme';

/**
 * What is highlighted in the title or the text, as sorted lists (not yet highlights): find
 * matches (the text's only) above the selected entity's mentions, the current one of each
 * standing out. Building this costs nothing however many matches there are; `visibleHighlights`
 * then takes only what the page shows.
 */
export function highlightLayers(state: State, field: MentionField = 'text'): HighlightLayer[] {
  const layers: HighlightLayer[] = [];
  const entity = selectedEntity(state);
  if (entity && (state.entities.panelOpen || state.entities.mention >= 0)) {
    const spans = mentionsIn(entity.mentions, field);
    const current = entity.mentions[state.entities.mention];
    layers.push({
      spans,
      kind: entity.type,
      priority: 1,
      current: { index: current ? spans.indexOf(current) : -1, kind: 'currentMention', priority: 2 },
    });
  }
  const find = state.find;
  if (find && field === 'text') {
    layers.push({ spans: find.matches, kind: 'match', priority: 3, current: { index: find.current, kind: 'current', priority: 4 } });
  }
  return layers;
}

/** "match 3/9", "match 2/4 (with typos)" or "no match for “x”". */
export function findStatus(find: ArticleSearch | null): string {
  if (!find) return '';
  if (find.matches.length === 0) return `no match for “${find.query}”`;
  const fuzzy = find.matches[0]?.fuzzy ? ' (with typos)' : '';
  return `match ${find.current + 1}/${find.matches.length}${fuzzy}`;
}

/** "Netanyahu 3/6" after a jump, "Netanyahu ·6" while only selected. */
function mentionStatus(state: State): string {
  const entity = selectedEntity(state);
  if (!entity || (!state.entities.panelOpen && state.entities.mention < 0)) return '';
  const { mention } = state.entities;
  const name = sanitizeSingleLine(entity.name);
  const count = mentionCountLabel(entity);
  return mention >= 0 ? `${name} ${mention + 1}/${count}` : `${name} ·${count}`;
}

/**
 * Under the title: "date · source · author · URL", the URL on a line of its own when it does not
 * fit after the rest; the URL is a link (OSC 8) where the terminal shows links, and only ever a
 * clean http(s) one (state/article-meta.ts).
 */
function MetadataLines({ article, pad, measure }: { article: Article; pad: string; measure: number }) {
  const { features } = useTheme();
  const { meta, url, urlOwnLine } = metadataLayout(article, measure);
  const shownMeta = truncateToWidth(meta, measure);
  const shownUrl = url ? truncateToWidth(url, urlOwnLine || !meta ? measure : measure - displayWidth(meta) - 3) : '';
  const link = url ? <Styled role="link">{features.hyperlinks ? hyperlink(url, shownUrl) : shownUrl}</Styled> : null;
  return (
    <>
      {meta ? (
        <Text wrap="truncate">
          {pad}
          <Styled role="dim">{shownMeta}{url && !urlOwnLine ? ' · ' : ''}</Styled>
          {urlOwnLine ? null : link}
        </Text>
      ) : null}
      {url && (urlOwnLine || !meta) ? (
        <Text wrap="truncate">
          {pad}
          {link}
        </Text>
      ) : null}
    </>
  );
}

export function ReaderView({ state, viewport }: { state: State; viewport: Viewport }) {
  const layout = readerLayout(state);
  if (!layout) return null;
  const { screen, article, panel, geometry } = layout;
  const { lines, pageHeight, margin, measure, titleLines, textColumns, panelGap, panelWidth } = geometry;
  const pad = ' '.repeat(margin);
  const page = readerPage(geometry, screen.top);
  const highlights = visibleHighlights(highlightLayers(state), page.from, page.to);
  const titleHighlights = visibleHighlights(highlightLayers(state, 'title'), 0, article.title.length);
  const position = pagePosition(screen.top, lines.length, pageHeight);
  const status = [`page ${position.page}/${position.pages} · ${position.percent}%`, mentionStatus(state), findStatus(state.find)]
    .filter(Boolean)
    .join(' · ');
  const text = (
    <Box flexDirection="column" width={textColumns}>
      {titleLines.map((line) => (
        <Text key={line.start} wrap="truncate">
          {pad}
          <Styled role="strong">
            <Segments segments={segmentLine(article.title, { start: line.start, end: line.end, paragraph: 0 }, titleHighlights)} />
            {line.cut ? '…' : ''}
          </Styled>
        </Text>
      ))}
      <MetadataLines article={article} pad={pad} measure={measure} />
      <Text wrap="truncate">
        {pad}
        <Styled role="dim">{glyphs.rule.repeat(measure)}</Styled>
      </Text>
      <Box flexDirection="column" height={pageHeight}>
        {page.lines.map((line) => (
          <Text key={`${line.start}:${line.end}:${line.blank ? 'b' : 'l'}`} wrap="truncate">
            {pad}
            <Segments segments={segmentLine(article.text, line, highlights)} />
          </Text>
        ))}
      </Box>
    </Box>
  );
  const bodyHeight = frameHeight(viewport) - 1;
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      {panel === 'side' ? (
        <Box flexDirection="row" height={bodyHeight}>
          {text}
          <Box marginLeft={panelGap} width={panelWidth}>
            <EntityPanel state={state} width={panelWidth} height={bodyHeight} />
          </Box>
        </Box>
      ) : (
        <Box flexDirection="column" height={bodyHeight}>
          {text}
          {panel === 'below' ? (
            <EntityPanel state={state} width={viewport.cols} height={panelRowsBelow(viewport)} />
          ) : null}
        </Box>
      )}
      {state.prompt ? (
        <PromptLine prompt={state.prompt} note={state.notice?.text ?? findStatus(state.find)} cols={viewport.cols} />
      ) : (
        <StatusLine left={status} context={panelHasFocus(state) ? 'panel' : 'reader'} cols={viewport.cols} notice={state.notice} />
      )}
    </Box>
  );
}
