// The Mantine theme: a blue primary, a little more rounding, and colours that meet WCAG 2.1 AA contrast everywhere.
import {
  createTheme,
  darken,
  DEFAULT_THEME,
  Drawer,
  luminance,
  Modal,
  Notification,
  Tooltip,
  type CSSVariablesResolver,
} from '@mantine/core';

/** WCAG 2.1 AA for normal text, with a little margin for anti-aliasing. */
const AA_CONTRAST = 4.6;
const WHITE = '#ffffff';
/** The greyest background text sits on (striped rows, the page's gray-0 under gray-1 hovers). */
const GREY_BACKGROUND = DEFAULT_THEME.colors.gray[1];

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color` darkened in small steps until it reads at AA on `background` (unchanged when it already does). */
export function readableOn(color: string, background: string): string {
  let result = color;
  for (let amount = 0.05; contrast(result, background) < AA_CONTRAST && amount < 1; amount += 0.05)
    result = darken(color, amount);
  return result;
}

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 instead of Mantine's 6: white on blue-6 (links, primary buttons) is 3.56:1 and on red-6 3.28:1.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Mantine's × has no accessible name of its own.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close panel' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss message' } } }),
    // A tooltip also opens on keyboard focus, so what it says reaches keyboard users too.
    Tooltip: Tooltip.extend({ defaultProps: { events: { hover: true, focus: true, touch: false } } }),
  },
});

/**
 * Light-scheme colours Mantine derives from its palette, made readable: dimmed help text (gray-6 is 3.3:1),
 * each colour's text, its filled background under white text, and the text of its light variant (alerts,
 * badges: shade 9 on shade 1, 2.7:1 for yellow).
 */
export const cssVariablesResolver: CSSVariablesResolver = (current) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readableOn(current.colors.gray[6], GREY_BACKGROUND),
  };
  for (const [name, shades] of Object.entries(current.colors)) {
    if (name === 'dark') continue;
    const filled = readableOn(shades[8], WHITE);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-text`] = readableOn(shades[8], GREY_BACKGROUND);
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9], shades[2]);
    light[`--mantine-color-${name}-outline`] = readableOn(shades[8], GREY_BACKGROUND);
  }
  return { variables: {}, light, dark: {} };
};
