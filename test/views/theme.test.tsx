// The theme is a function of the environment read once at start: no colour under no-color.org's
// conditions but every mark kept; a 256-colour palette that reads on black and on white; LEDE_COLORS
// to change it, and one line for what it cannot use.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { COLOURED_ROLES, themeFor } from '../../source/views/theme';
import { makeArticle, makeLibrary } from '../helpers/articles';
import { keys, press, waitForFrame } from '../helpers/ink';

afterEach(() => cleanup());

const MARKED = ['match', 'current', 'titleMatch', 'person', 'place', 'organization', 'currentMention', 'selected'] as const;

/** The xterm 256-colour palette's RGB for the cube (16–231) and the greys (232–255). */
function rgbOf(colour: number): [number, number, number] {
  if (colour >= 232) {
    const v = 8 + (colour - 232) * 10;
    return [v, v, v];
  }
  const steps = [0, 95, 135, 175, 215, 255];
  const n = colour - 16;
  return [steps[Math.floor(n / 36)]!, steps[Math.floor(n / 6) % 6]!, steps[n % 6]!];
}

/** WCAG contrast ratio against pure black and pure white. */
function contrasts(colour: number): { black: number; white: number } {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = rgbOf(colour).map(channel) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return { black: (l + 0.05) / 0.05, white: 1.05 / (l + 0.05) };
}

describe('themeFor', () => {
  test('NO_COLOR (any value), FORCE_COLOR=0 and TERM=dumb: no colour, and every mark kept', () => {
    for (const env of [{ NO_COLOR: '1', TERM: 'xterm-256color' }, { NO_COLOR: 'yes', FORCE_COLOR: '3' }, { FORCE_COLOR: '0', COLORTERM: 'truecolor' }, { TERM: 'dumb' }]) {
      const theme = themeFor(env);
      assert.equal(theme.features.colour, 'none', JSON.stringify(env));
      for (const style of Object.values(theme.styles)) assert.ok(style.fg === undefined && style.bg === undefined, JSON.stringify(env));
      for (const role of MARKED) {
        const s = theme.styles[role];
        assert.ok(s.bold || s.underline || s.inverse, `${role} is still marked under ${JSON.stringify(env)}`);
      }
      assert.notDeepEqual(theme.styles.current, theme.styles.match, 'the current match differs from the others');
    }
    // An empty NO_COLOR is not set (no-color.org).
    assert.equal(themeFor({ NO_COLOR: '', TERM: 'xterm-256color' }).features.colour, 'extended');
  });

  test('the 256-colour palette reads on a dark and a light background: every foreground at least 4.3:1 against both', () => {
    const theme = themeFor({ TERM: 'xterm-256color' });
    for (const role of COLOURED_ROLES) {
      const fg = theme.styles[role].fg;
      if (fg === undefined || theme.styles[role].bg !== undefined) continue;
      assert.ok(fg >= 16, `${role} uses a colour themes leave alone (${fg})`);
      const c = contrasts(fg);
      assert.ok(c.black >= 4.3 && c.white >= 4.3, `${role} (${fg}): ${c.black.toFixed(2)}:1 on black, ${c.white.toFixed(2)}:1 on white`);
    }
    // Where a match has a background, its text colour is set too.
    assert.ok(theme.styles.match.bg !== undefined && theme.styles.match.fg !== undefined);
  });

  test('LEDE_COLORS overrides roles; what it cannot read is one line each; under NO_COLOR it changes nothing', () => {
    const theme = themeFor({ TERM: 'xterm-256color', LEDE_COLORS: 'person=28,match=black/214,place=bright-blue,bogus=3,dim=999' });
    assert.equal(theme.styles.person.fg, 28);
    assert.deepEqual([theme.styles.match.fg, theme.styles.match.bg], [0, 214]);
    assert.equal(theme.styles.place.fg, 12);
    assert.equal(theme.problems.length, 2);
    assert.ok(theme.problems.every((p) => /^LEDE_COLORS: “(bogus=3|dim=999)” ignored/.test(p) && !p.includes('\n')));
    const off = themeFor({ NO_COLOR: '1', LEDE_COLORS: 'person=28' });
    assert.equal(off.styles.person.fg, undefined);
  });
});

describe('drawn with a theme', () => {
  const library = makeLibrary([makeArticle('Golan talks', ['Talks on the Golan went on.', 'The Golan again.'])]);

  test('under NO_COLOR a search match is drawn bold and underlined with no colour code; a bad LEDE_COLORS shows its line', async () => {
    const app = render(<App library={library} viewport={{ cols: 80, rows: 20 }} theme={themeFor({ NO_COLOR: '1' })} />);
    await press(app, keys.enter, (f) => /page 1\/1/.test(f));
    await press(app, '/');
    for (const ch of 'Golan') await press(app, ch);
    const frame = await press(app, keys.enter, (f) => /match 1\/2/.test(f));
    assert.match(frame, /The \x1b\[1m\x1b\[4mGolan\x1b\[24m\x1b\[22m again/, 'a match: bold and underline');
    assert.match(frame, /the \x1b\[1m\x1b\[4m\x1b\[7mGolan\x1b\[27m/, 'the current one: inverse too');
    assert.doesNotMatch(frame, /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;5;\d+)?m/, 'no colour code at all');
    cleanup();
    const bad = render(<App library={library} viewport={{ cols: 80, rows: 20 }} theme={themeFor({ TERM: 'xterm-256color', LEDE_COLORS: 'nope' })} />);
    await waitForFrame(bad, (f) => /LEDE_COLORS: “nope” ignored/.test(f));
  });
});
