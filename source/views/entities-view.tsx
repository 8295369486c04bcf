import { Box, Text } from 'ink';
import { padToWidth, truncateToWidth } from '../core/layout/text-width';
import type { LibraryEntity } from '../core/entities/library-index';
import { sanitizeSingleLine } from '../core/sanitize';
import { appearsWithSelected, entitiesPageSize } from '../state/entities-screen';
import { listedEntities } from '../state/entity-lists';
import { frameHeight, type Viewport } from '../state/geometry';
import type { State } from '../state/types';
import { StatusLine } from './footer';
import { PromptLine } from './prompt-line';
import { Styled } from './styled';
import { entityHeadings, entityMarkers, glyphs } from './theme';

/** Columns of the "appears with" column beside the list, when the terminal is wide enough for both. */
const WITH_WIDTH = 34;
const MIN_LIST_WIDTH = 46;

function typeLabel(state: State): string {
  const type = state.entitiesScreen.type;
  return type ? entityHeadings[type]!.toLowerCase() : 'all types';
}

function progressNote(state: State): string {
  if (state.entities.libraryComplete) return '';
  const { done, total } = state.entities.progress;
  return ` · finding entities ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
}

/** One entity: its type marker, name, articles and mentions. */
function EntityRow({ entity, selected, width }: { entity: LibraryEntity; selected: boolean; width: number }) {
  const counts = `${entity.articles.toLocaleString('en-US')} art ${entity.mentions.toLocaleString('en-US')}`;
  const nameWidth = Math.max(1, width - 4 - counts.length - 1);
  return (
    <Text wrap="truncate">
      <Styled role={selected ? 'selected' : undefined}>
        {selected ? glyphs.selectedMarker : ' '}
        <Styled role={entity.type}>{entityMarkers[entity.type]}</Styled> {padToWidth(sanitizeSingleLine(entity.name), nameWidth)} {counts}
      </Styled>
    </Text>
  );
}

/** The library's entities: who is in the library, most articles first, and who appears with the one selected. */
export function EntitiesView({ state, viewport }: { state: State; viewport: Viewport }) {
  const view = state.entitiesScreen;
  const entities = listedEntities(state);
  const height = entitiesPageSize(state);
  const besides = viewport.cols >= MIN_LIST_WIDTH + 2 + WITH_WIDTH;
  const listWidth = besides ? viewport.cols - WITH_WIDTH - 2 : viewport.cols;
  const withRows = besides ? height : Math.min(6, Math.max(0, Math.floor(height / 3)));
  const listHeight = besides ? height : height - withRows;
  const top = Math.min(view.top, Math.max(0, entities.length - listHeight));
  const shown = entities.slice(top, top + listHeight);
  const others = appearsWithSelected(state);
  const filter = view.query && !state.prompt ? ` · filter “${sanitizeSingleLine(view.query)}”` : '';
  const heading = `Entities · ${entities.length.toLocaleString('en-US')} · ${typeLabel(state)}${filter}${progressNote(state)}`;
  const empty = !state.entities.library
    ? 'finding the library’s entities…'
    : entities.length === 0
      ? view.query
        ? `no entity matches “${sanitizeSingleLine(view.query)}”`
        : 'no people, places or organizations in this library'
      : '';
  const withColumn = (
    <Box flexDirection="column" width={besides ? WITH_WIDTH : viewport.cols} height={withRows}>
      <Text wrap="truncate">
        <Styled role={view.focus === 'with' ? 'focus' : 'dim'}>{padToWidth('Appears with', besides ? WITH_WIDTH : viewport.cols)}</Styled>
      </Text>
      {others.slice(0, Math.max(0, withRows - 1)).map(({ entity, articles }, i) => (
        <Text key={entity.key} wrap="truncate">
          <Styled role={view.focus === 'with' && i === view.withCursor ? 'selected' : undefined}>
            {view.focus === 'with' && i === view.withCursor ? glyphs.selectedMarker : ' '}
            <Styled role={entity.type}>{entityMarkers[entity.type]}</Styled>{' '}
            {truncateToWidth(`${sanitizeSingleLine(entity.name)} · ${articles}`, Math.max(1, (besides ? WITH_WIDTH : viewport.cols) - 4))}
          </Styled>
        </Text>
      ))}
    </Box>
  );
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text wrap="truncate">
        <Styled role="accent">{truncateToWidth(heading, viewport.cols)}</Styled>
      </Text>
      <Box flexDirection={besides ? 'row' : 'column'} height={height}>
        <Box flexDirection="column" width={listWidth} height={listHeight}>
          {empty ? (
            <Text>
              <Styled role="dim">{truncateToWidth(empty, listWidth)}</Styled>
            </Text>
          ) : (
            shown.map((entity, i) => <EntityRow key={entity.key} entity={entity} selected={view.focus === 'list' && top + i === view.cursor} width={listWidth} />)
          )}
        </Box>
        {besides ? <Box width={2} /> : null}
        {withRows > 0 ? withColumn : null}
      </Box>
      {state.prompt ? (
        <PromptLine prompt={state.prompt} note={state.notice?.text ?? `${entities.length.toLocaleString('en-US')} entities`} cols={viewport.cols} />
      ) : (
        <StatusLine left={entities.length > 0 ? `${view.cursor + 1}/${entities.length.toLocaleString('en-US')}` : ''} context="entities" cols={viewport.cols} notice={state.notice} />
      )}
    </Box>
  );
}
