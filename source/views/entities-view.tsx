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
import { entityHeadings, entityMarkers, spanStyles, theme } from './theme';

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
    <Text wrap="truncate" inverse={selected}>
      {selected ? theme.selectedMarker : ' '}
      <Text {...spanStyles[entity.type]}>{entityMarkers[entity.type]}</Text> {padToWidth(sanitizeSingleLine(entity.name), nameWidth)} {counts}
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
      <Text bold={view.focus === 'with'} inverse={view.focus === 'with'} color={view.focus === 'with' ? undefined : theme.dim} wrap="truncate">
        {padToWidth('Appears with', besides ? WITH_WIDTH : viewport.cols)}
      </Text>
      {others.slice(0, Math.max(0, withRows - 1)).map(({ entity, articles }, i) => (
        <Text key={entity.key} wrap="truncate" inverse={view.focus === 'with' && i === view.withCursor}>
          {view.focus === 'with' && i === view.withCursor ? theme.selectedMarker : ' '}
          <Text {...spanStyles[entity.type]}>{entityMarkers[entity.type]}</Text>{' '}
          {truncateToWidth(`${sanitizeSingleLine(entity.name)} · ${articles}`, Math.max(1, (besides ? WITH_WIDTH : viewport.cols) - 4))}
        </Text>
      ))}
    </Box>
  );
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text bold color={theme.accent} wrap="truncate">
        {truncateToWidth(heading, viewport.cols)}
      </Text>
      <Box flexDirection={besides ? 'row' : 'column'} height={height}>
        <Box flexDirection="column" width={listWidth} height={listHeight}>
          {empty ? (
            <Text color={theme.dim}>{truncateToWidth(empty, listWidth)}</Text>
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
